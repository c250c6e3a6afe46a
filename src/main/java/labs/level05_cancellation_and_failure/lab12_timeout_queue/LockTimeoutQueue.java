package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reference timeout queue: a deque of held items under one {@link ReentrantLock}, producers
 * waiting on {@code notFull}, consumers on {@code notEmpty} — lab04's buffer, with deadlines.
 *
 * <p>Expiry is lazy: every call first sweeps the items whose time-to-live has run out off the head
 * of the deque (the time-to-live is the same for every item, so the oldest expire first), under the
 * lock. No thread and no timer exists for it, and the race between an expiry and a poll cannot
 * happen: both are decided under the one lock, so an item is either swept (expired) or polled
 * (delivered), never both, never neither.
 *
 * <p>Time is the injected clock's ({@link InstantSource}), never the JVM's: a deadline is an instant
 * on that clock. A wait is an {@code awaitNanos} of what is left by that clock — up to the caller's
 * deadline, or the next expiry for a producer (an expiry makes room) — after which the waiter reads
 * the clock again. So a test's hand-moved clock decides every outcome; real time only decides how
 * soon a waiter notices that the test moved it.
 */
public final class LockTimeoutQueue<T> implements TimeoutQueue<T> {

    private final int capacity;
    private final Duration ttl;
    private final long ttlNanos;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    // All guarded by lock.
    private final ArrayDeque<Held<T>> held = new ArrayDeque<>();
    private final List<T> expiredItems = new ArrayList<>();
    private long offered;
    private long delivered;
    private long expired;
    private long refused;
    private boolean closed;

    /** An accepted item and the instant (nanoseconds on the clock) it expires at. */
    private record Held<T>(T item, long expiresAt) {
    }

    public LockTimeoutQueue(int capacity, Duration ttl, InstantSource clock) {
        this.capacity = TimeoutQueue.checkCapacity(capacity);
        this.ttl = TimeoutQueue.checkTtl(ttl);
        this.ttlNanos = TimeoutQueue.nanos(ttl);
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /** The registry's factory: the clock of {@code timing}. */
    public static <T> LockTimeoutQueue<T> create(int capacity, Duration ttl, Timing timing) {
        return new LockTimeoutQueue<>(capacity, ttl, TimeoutQueue.checkTiming(timing).clock());
    }

    @Override
    public String name() {
        return "lock-conditions";
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
        lock.lockInterruptibly();
        try {
            if (closed) {
                throw TimeoutQueue.closed(name());
            }
            long now = now();
            long deadline = Clocks.plus(now, timeoutNanos);
            while (true) {
                if (closed) {
                    return refuse(); // closed while this producer waited
                }
                expireDue(now);
                if (held.size() < capacity) {
                    held.addLast(new Held<>(item, Clocks.plus(now, ttlNanos)));
                    offered++;
                    notEmpty.signal();
                    return true;
                }
                if (now >= deadline) {
                    return refuse();
                }
                // Full of unexpired items: the next expiry makes room, so never wait past it.
                notFull.awaitNanos(Math.min(deadline - now, held.peekFirst().expiresAt() - now));
                now = now();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean refuse() {
        offered++;
        refused++;
        return false;
    }

    @Override
    public T poll(Duration timeout) throws InterruptedException {
        long timeoutNanos = TimeoutQueue.nanos(TimeoutQueue.checkTimeout(timeout));
        lock.lockInterruptibly();
        try {
            long now = now();
            long deadline = Clocks.plus(now, timeoutNanos);
            while (true) {
                expireDue(now);
                Held<T> head = held.pollFirst();
                if (head != null) {
                    delivered++;
                    notFull.signal();
                    return head.item();
                }
                if (closed || now >= deadline) {
                    return null;
                }
                notEmpty.awaitNanos(deadline - now);
                now = now();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Ledger ledger() {
        lock.lock();
        try {
            expireDue(now());
            return new Ledger(offered, delivered, expired, refused, held.size());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<T> expired() {
        lock.lock();
        try {
            expireDue(now());
            return List.copyOf(expiredItems);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            expireDue(Long.MAX_VALUE); // every held item's deadline is now
            // Every waiter's predicate just changed: producers are refused, consumers get nothing.
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lock held: sweeps every item due at {@code now} off the head, each counted once; each frees a place. */
    private void expireDue(long now) {
        for (Held<T> head = held.peekFirst(); head != null && head.expiresAt() <= now; head = held.peekFirst()) {
            held.pollFirst();
            expired++;
            expiredItems.add(head.item());
            notFull.signal();
        }
    }

    private long now() {
        return Clocks.nanos(clock.instant());
    }
}
