package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BROKEN on purpose: the tempting consumer that skips stale items — {@code if (expired) continue;} —
 * and says nothing. Every poll it answers is right (it never delivers an expired item), and so is
 * every refusal; but an item that expired is simply gone: not delivered, not counted expired, not
 * listed. The ledger no longer adds up, and nobody can say whether a timed-out item was consumed or
 * lost. ({@code close()} has the same bug: it clears what is held.)
 *
 * <p>Its waits are the JDK queue's, in real time (only expiry reads the clock): it is here for its
 * accounting, which {@code DroppingTimeoutQueueTest} checks with a hand-moved clock and zero
 * timeouts, and {@code labs run lab12 --impl dropping} shows live. The fix is every reference
 * queue's: whoever removes an expired item counts it expired and keeps it in {@code expired()}.
 * Not in {@link TimeoutQueue#IMPLEMENTATIONS}: it breaks clause 5.
 */
public final class DroppingTimeoutQueue<T> implements TimeoutQueue<T> {

    private record Stamped<T>(T item, long expiresAt) {
    }

    private final int capacity;
    private final Duration ttl;
    private final InstantSource clock;
    private final LinkedBlockingQueue<Stamped<T>> fifo;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    public DroppingTimeoutQueue(int capacity, Duration ttl, InstantSource clock) {
        this.capacity = TimeoutQueue.checkCapacity(capacity);
        this.ttl = TimeoutQueue.checkTtl(ttl);
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.fifo = new LinkedBlockingQueue<>(capacity);
    }

    @Override
    public String name() {
        return "dropping";
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
        long nanos = TimeoutQueue.nanos(TimeoutQueue.checkTimeout(timeout));
        if (closed.get()) {
            throw TimeoutQueue.closed(name());
        }
        offered.incrementAndGet();
        if (fifo.offer(new Stamped<>(item, Clocks.plus(now(), TimeoutQueue.nanos(ttl))), nanos, TimeUnit.NANOSECONDS)) {
            return true;
        }
        refused.incrementAndGet();
        return false;
    }

    @Override
    public T poll(Duration timeout) throws InterruptedException {
        long nanos = TimeoutQueue.nanos(TimeoutQueue.checkTimeout(timeout));
        for (Stamped<T> head = fifo.poll(nanos, TimeUnit.NANOSECONDS); head != null; head = fifo.poll(nanos, TimeUnit.NANOSECONDS)) {
            if (head.expiresAt() <= now()) {
                continue; // THE BUG: a stale item is skipped — dropped without a word
            }
            delivered.incrementAndGet();
            return head.item();
        }
        return null;
    }

    @Override
    public Ledger ledger() {
        return new Ledger(offered.get(), delivered.get(), 0, refused.get(), fifo.size());
    }

    @Override
    public List<T> expired() {
        return List.of();
    }

    @Override
    public void close() {
        closed.set(true);
        fifo.clear();
    }

    private long now() {
        return Clocks.nanos(clock.instant());
    }
}
