package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The lab12 contract: a bounded queue whose operations take deadlines and whose items expire. Met
 * by every implementation in {@link #IMPLEMENTATIONS} and checked by one contract test; see the
 * lab's README.md for the spec.
 *
 * <ol>
 *   <li><b>Bounded.</b> At most {@link #capacity} items are held.</li>
 *   <li><b>Offer with a deadline.</b> {@link #offer} accepts the item if there is room; else it
 *       waits up to {@code timeout} for room (made by a poll, an expiry or nothing) and, still full
 *       then, refuses it: {@code false}, and the producer still has it. A zero timeout never waits.</li>
 *   <li><b>Time-to-live.</b> An accepted item is held at most {@link #ttl}: from {@code accepted +
 *       ttl} on it is expired — never delivered, counted expired once, listed by {@link #expired()},
 *       and its place is free for a waiting producer.</li>
 *   <li><b>Poll with a deadline.</b> {@link #poll} returns the oldest unexpired item, waiting up to
 *       {@code timeout} for one; {@code null} when none came in time. A zero timeout never waits.</li>
 *   <li><b>Exactly one end.</b> Every offered item ends exactly one way — delivered, expired or
 *       refused — or is still held: never delivered twice, never delivered and expired, never
 *       neither. Whenever no call is in progress, {@code ledger().addsUp()}. This holds when an
 *       expiry races a poll, and when a poll's timeout fires as an item arrives.</li>
 *   <li><b>The queue's clock decides.</b> Every deadline and expiry is measured on the clock or
 *       scheduler of the {@link Timing} the queue was made with, never on real time: a test moves
 *       time by hand.</li>
 *   <li><b>Interruptible.</b> A waiting offer or poll ends on interrupt with
 *       {@link InterruptedException}, having accepted or taken nothing — unless the item was handed
 *       over in that same instant: then the call returns as if not interrupted, with the interrupt
 *       flag set. Either way nothing is lost.</li>
 *   <li><b>Close.</b> {@link #close} stops the queue: every held item expires, waiting producers are
 *       refused, waiting polls return {@code null}, later polls return {@code null} at once and later
 *       offers throw. Closing again does nothing. When it returns, the queue has no timer pending.</li>
 *   <li><b>Bad input</b> fails at once with one line: capacity below 1, a time-to-live that is not
 *       positive, a negative or null timeout, a null item, null timing.</li>
 * </ol>
 *
 * @param <T> the items; {@code null} is not an item ({@code poll} returns it for "nothing")
 */
public interface TimeoutQueue<T> extends AutoCloseable {

    /** How a queue is made: the registry's factory type. */
    @FunctionalInterface
    interface Factory {
        <T> TimeoutQueue<T> create(int capacity, Duration ttl, Timing timing);
    }

    /**
     * Every implementation, by the name {@code --impl} takes; the contract test runs each of them
     * ({@code IMPLEMENTATIONS.create("reactor").create(4, ttl, Timing.real())}). The broken variants
     * ({@link DroppingTimeoutQueue}, {@link PeekThenPollTimeoutQueue}) are not here: they break clause 5.
     */
    Implementations<Factory> IMPLEMENTATIONS = Implementations.of("lab12",
            new Implementation<>("lock-conditions", "a deque under one ReentrantLock, conditions notFull/notEmpty; expiry swept at the head by every call",
                    LockTimeoutQueue::create),
            new Implementation<>("linked-blocking-queue", "the JDK's LinkedBlockingQueue(capacity); whoever removes an entry decides its one end",
                    LinkedBlockingTimeoutQueue::create),
            new Implementation<>("reactor", "a lock-free lane (one state change at a time), timers on a Reactor Scheduler, Mono.create waiters",
                    ReactorTimeoutQueue::create),
            new Implementation<>("rxjava", "the same lane, timers on an RxJava Scheduler, Maybe/Single.create waiters",
                    RxJavaTimeoutQueue::create));

    /** A short name, as used by {@code labs run lab12 --impl NAME}. */
    String name();

    int capacity();

    Duration ttl();

    /** Accepts {@code item}, waiting up to {@code timeout} for room; {@code false} if it was refused. */
    boolean offer(T item, Duration timeout) throws InterruptedException;

    /** The oldest unexpired item, waiting up to {@code timeout} for one; {@code null} if none came. */
    T poll(Duration timeout) throws InterruptedException;

    /** How every item offered so far has ended (expiring what is due first). */
    Ledger ledger();

    /** The items that expired, oldest first (expiring what is due first). */
    List<T> expired();

    /** Stops the queue: held items expire, waiters give up, nothing is left pending. */
    @Override
    void close();

    static int checkCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 (got " + capacity + ")");
        }
        return capacity;
    }

    static Duration checkTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl must not be null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive (got " + describe(ttl) + ")");
        }
        return ttl;
    }

    static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null (Duration.ZERO never waits)");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0 (got " + describe(timeout) + ")");
        }
        return timeout;
    }

    static <T> T checkItem(T item) {
        return Objects.requireNonNull(item, "item must not be null (null is how poll says 'nothing')");
    }

    static Timing checkTiming(Timing timing) {
        return Objects.requireNonNull(timing, "timing must not be null (Timing.real() for real time)");
    }

    /** An offer to a closed queue: a mistake of the caller's, not a refusal (nothing was offered). */
    static IllegalStateException closed(String name) {
        return new IllegalStateException("timeout queue '" + name + "' is closed: no more offers");
    }

    /** {@code 250 ms}, {@code -1 ms}, {@code 0 ms}; ISO-8601 below a millisecond and beyond what nanoseconds hold. */
    static String describe(Duration duration) {
        try {
            return duration.toNanos() % 1_000_000 == 0 ? duration.toMillis() + " ms" : duration.toString();
        } catch (ArithmeticException tooLong) {
            return duration.toString();
        }
    }

    /** {@code duration} in nanoseconds, or {@link Long#MAX_VALUE} (about 292 years: for ever) when it is longer. */
    static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
