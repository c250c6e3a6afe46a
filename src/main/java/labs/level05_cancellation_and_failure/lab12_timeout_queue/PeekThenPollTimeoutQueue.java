package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BROKEN on purpose, and only under a race: {@link LinkedBlockingTimeoutQueue} with its sweep written
 * the natural way — look at the head, and if it has expired, {@code poll()} it:
 *
 * <pre>{@code
 * Entry head = fifo.peek();
 * if (expired(head)) { fifo.poll(); expire(head); }   // poll() removes whatever is head NOW
 * }</pre>
 *
 * Between the {@code peek} and the {@code poll} a consumer can take that head. The sweeper's
 * {@code poll()} then removes the next entry — a live item — and counts the old head expired a second
 * time. The live item is lost: never delivered, never listed as expired, and the counts still add up.
 * On one thread it is never wrong, so no single-threaded test can see it; Lincheck's model checker
 * finds the interleaving ({@code TimeoutQueueLincheckTest}). The fix is the reference's
 * {@code remove(head)}: removes that entry or nothing, so only one thread ever owns its end.
 *
 * <p>Only the half Lincheck calls is here: offers and polls never wait (a timeout is ignored).
 * Not in {@link TimeoutQueue#IMPLEMENTATIONS}: it breaks clause 5.
 */
public final class PeekThenPollTimeoutQueue<T> implements TimeoutQueue<T> {

    private record Entry<T>(T item, long expiresAt) {
    }

    private final int capacity;
    private final Duration ttl;
    private final InstantSource clock;
    private final LinkedBlockingQueue<Entry<T>> fifo;
    private final ConcurrentLinkedQueue<T> expiredItems = new ConcurrentLinkedQueue<>();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public PeekThenPollTimeoutQueue(int capacity, Duration ttl, InstantSource clock) {
        this.capacity = TimeoutQueue.checkCapacity(capacity);
        this.ttl = TimeoutQueue.checkTtl(ttl);
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.fifo = new LinkedBlockingQueue<>(capacity);
    }

    @Override
    public String name() {
        return "peek-then-poll";
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
    public boolean offer(T item, Duration timeout) {
        TimeoutQueue.checkItem(item);
        long now = now();
        sweep(now);
        offered.incrementAndGet();
        if (fifo.offer(new Entry<>(item, Clocks.plus(now, TimeoutQueue.nanos(ttl))))) {
            return true;
        }
        refused.incrementAndGet();
        return false;
    }

    @Override
    public T poll(Duration timeout) {
        for (Entry<T> entry = fifo.poll(); entry != null; entry = fifo.poll()) {
            if (entry.expiresAt() <= now()) {
                expire(entry);
                continue;
            }
            delivered.incrementAndGet();
            return entry.item();
        }
        return null;
    }

    /** THE BUG: check, then act on whatever is there by then. */
    private void sweep(long now) {
        for (Entry<T> head = fifo.peek(); head != null && head.expiresAt() <= now; head = fifo.peek()) {
            fifo.poll();
            expire(head);
        }
    }

    private void expire(Entry<T> entry) {
        expired.incrementAndGet();
        expiredItems.add(entry.item());
    }

    @Override
    public Ledger ledger() {
        sweep(now());
        return new Ledger(offered.get(), delivered.get(), expired.get(), refused.get(), fifo.size());
    }

    @Override
    public List<T> expired() {
        sweep(now());
        return List.copyOf(expiredItems);
    }

    @Override
    public void close() {
        for (Entry<T> entry = fifo.poll(); entry != null; entry = fifo.poll()) {
            expire(entry);
        }
    }

    private long now() {
        return Clocks.nanos(clock.instant());
    }
}
