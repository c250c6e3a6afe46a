package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JDK's {@link LinkedBlockingQueue}{@code (capacity)} holding stamped entries, with no lock of
 * our own: producers and consumers take its two locks, never one for the whole queue.
 *
 * <p>So an expiry really can race a poll: a producer sweeping an expired head to make room, a
 * consumer polling the same head. The rule that keeps every item's end single is <b>whoever
 * removes an entry decides its end</b>. A consumer's {@code poll()} removes the head and then looks:
 * expired, it counts it expired; else it delivers it. A sweeper removes exactly the entry it looked
 * at — {@code remove(head)}, which is true for one thread only — and counts it expired only if that
 * removal was its own. {@link PeekThenPollTimeoutQueue} breaks the rule ({@code peek()}, then
 * {@code poll()} whatever is head by then) and loses a live item; {@code TimeoutQueueLincheckTest}
 * finds it.
 *
 * <p>Waits are the queue's own timed {@code offer}/{@code poll} for what is left by the injected
 * clock (a producer never past the head's expiry), then the clock is read again, as in
 * {@link LockTimeoutQueue}. A close drains the entries (expired) and leaves one marker in the room
 * that made for waiting consumers: the poison pill of lab05, put back by each consumer that meets
 * it, so every one sees it.
 * The counts are separate atomics: they add up whenever no call is in progress.
 */
public final class LinkedBlockingTimeoutQueue<T> implements TimeoutQueue<T> {

    /** An accepted item; one that got in during a wait is stamped when its offer returns (until then it cannot expire). */
    private static final class Entry<T> {
        final T item;
        volatile long expiresAt;

        Entry(T item, long expiresAt) {
            this.item = item;
            this.expiresAt = expiresAt;
        }
    }

    /** The close marker: compared by identity, never counted, always put back. */
    private static final Entry<Object> CLOSED = new Entry<>(new Object(), Long.MAX_VALUE);

    private final int capacity;
    private final Duration ttl;
    private final long ttlNanos;
    private final InstantSource clock;
    private final LinkedBlockingQueue<Entry<T>> fifo;
    private final ConcurrentLinkedQueue<T> expiredItems = new ConcurrentLinkedQueue<>();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    public LinkedBlockingTimeoutQueue(int capacity, Duration ttl, InstantSource clock) {
        this.capacity = TimeoutQueue.checkCapacity(capacity);
        this.ttl = TimeoutQueue.checkTtl(ttl);
        this.ttlNanos = TimeoutQueue.nanos(ttl);
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.fifo = new LinkedBlockingQueue<>(capacity);
    }

    /** The registry's factory: the clock of {@code timing}. */
    public static <T> LinkedBlockingTimeoutQueue<T> create(int capacity, Duration ttl, Timing timing) {
        return new LinkedBlockingTimeoutQueue<>(capacity, ttl, TimeoutQueue.checkTiming(timing).clock());
    }

    @Override
    public String name() {
        return "linked-blocking-queue";
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    @Override
    public boolean offer(T item, Duration timeout) throws InterruptedException {
        TimeoutQueue.checkItem(item);
        long timeoutNanos = TimeoutQueue.nanos(TimeoutQueue.checkTimeout(timeout));
        if (closed.get()) {
            throw TimeoutQueue.closed(name());
        }
        long now = now();
        long deadline = Clocks.plus(now, timeoutNanos);
        while (true) {
            if (closed.get()) {
                return refuse();
            }
            sweep(now);
            Entry<T> entry = new Entry<>(item, Clocks.plus(now, ttlNanos));
            if (fifo.offer(entry)) {
                return accepted(entry);
            }
            if (now >= deadline) {
                return refuse();
            }
            long wait = Math.min(deadline - now, untilHeadExpires(now));
            entry.expiresAt = Long.MAX_VALUE; // not expirable until stamped: it may get in at any moment of the wait
            if (fifo.offer(entry, wait, TimeUnit.NANOSECONDS)) {
                entry.expiresAt = Clocks.plus(now(), ttlNanos); // accepted now, not when the wait began
                return accepted(entry);
            }
            now = now();
        }
    }

    /** Counted once it is in; a close that came meanwhile takes it back out, unless someone already took it. */
    private boolean accepted(Entry<T> entry) {
        offered.incrementAndGet();
        if (closed.get() && fifo.remove(entry)) {
            refused.incrementAndGet();
            return false;
        }
        return true;
    }

    private boolean refuse() {
        offered.incrementAndGet();
        refused.incrementAndGet();
        return false;
    }

    @Override
    public T poll(Duration timeout) throws InterruptedException {
        long timeoutNanos = TimeoutQueue.nanos(TimeoutQueue.checkTimeout(timeout));
        long now = now();
        long deadline = Clocks.plus(now, timeoutNanos);
        while (true) {
            Entry<T> entry = fifo.poll();
            if (entry == null) {
                if (closed.get() || now >= deadline) {
                    return null;
                }
                entry = fifo.poll(deadline - now, TimeUnit.NANOSECONDS);
                now = now();
                if (entry == null) {
                    continue; // the clock, not the wait, says whether the deadline has passed
                }
            }
            if (entry == CLOSED) {
                putBackMarker();
                return null;
            }
            // This thread removed it: its end is this thread's to decide, and no one else's.
            if (entry.expiresAt <= now()) {
                expire(entry);
                continue;
            }
            delivered.incrementAndGet();
            return entry.item;
        }
    }

    @Override
    public Ledger ledger() {
        sweep(now());
        long marker = fifo.contains(CLOSED) ? 1 : 0;
        return new Ledger(offered.get(), delivered.get(), expired.get(), refused.get(), fifo.size() - marker);
    }

    @Override
    public List<T> expired() {
        sweep(now());
        return List.copyOf(expiredItems);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        do {
            for (Entry<T> entry = fifo.poll(); entry != null; entry = fifo.poll()) {
                if (entry != CLOSED) {
                    expire(entry);
                }
            }
        } while (!offerMarker()); // a producer that got in meanwhile takes its entry back out; drain again
    }

    /** Removes expired entries off the head, each only if this thread is the one that removed it. */
    private void sweep(long now) {
        for (Entry<T> head = fifo.peek(); head != null && head != CLOSED && head.expiresAt <= now; head = fifo.peek()) {
            if (fifo.remove(head)) {
                expire(head);
            }
        }
    }

    private void expire(Entry<T> entry) {
        expired.incrementAndGet();
        expiredItems.add(entry.item);
    }

    private long untilHeadExpires(long now) {
        Entry<T> head = fifo.peek();
        return head == null || head == CLOSED ? Long.MAX_VALUE : Math.max(1, head.expiresAt - now);
    }

    private void putBackMarker() {
        while (!offerMarker()) {
            Entry<T> late = fifo.poll(); // a producer's entry that got in after the close: expire it
            if (late != null && late != CLOSED) {
                expire(late);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private boolean offerMarker() {
        return fifo.offer((Entry<T>) (Entry<?>) CLOSED);
    }

    private long now() {
        return Clocks.nanos(clock.instant());
    }
}
