package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * EXERCISE (lab12): the reference timeout queue, to write yourself. Read the lab's README.md first;
 * {@code labs practice lab12} put this file where the build picks it up instead of the reference, so
 * every lab12 test — the contract on a hand-moved clock, Lincheck's race between an expiry and a
 * poll, the leak check — runs against it.
 *
 * <p>The contract ({@link TimeoutQueue}):
 * <ol>
 *   <li>Bounded: at most {@code capacity} items held.</li>
 *   <li>{@link #offer}: accepts if there is room; else waits up to {@code timeout} for room and,
 *       still full, refuses ({@code false}). A zero timeout never waits.</li>
 *   <li>Time-to-live: from {@code accepted + ttl} on an item is expired — never delivered, counted
 *       expired once, listed by {@link #expired()}, and its place is free for a waiting producer.</li>
 *   <li>{@link #poll}: the oldest unexpired item, waiting up to {@code timeout}; {@code null} if none came.</li>
 *   <li>Exactly one end: every offered item is delivered, expired or refused — or still held — and
 *       {@link #ledger()} says so ({@code addsUp()}), also when an expiry races a poll.</li>
 *   <li>Time is {@code clock}'s, never the JVM's: a deadline is an instant on it. A test moves it by
 *       hand, so a wait must read it again when it wakes (and never wait past the next expiry, for a
 *       producer: an expiry makes room).</li>
 *   <li>Interruptible: a waiting call ends on interrupt with {@link InterruptedException}, having
 *       accepted or taken nothing (and an interrupted offer is not counted as offered).</li>
 *   <li>{@link #close}: held items expire, waiting producers are refused, waiting polls return
 *       {@code null}; later offers throw {@code TimeoutQueue.closed(name())}, later polls return
 *       {@code null}; closing again does nothing.</li>
 *   <li>Bad input: {@code TimeoutQueue.checkCapacity}, {@code checkTtl}, {@code checkTimeout},
 *       {@code checkItem}.</li>
 * </ol>
 *
 * <p>Shared state to design: the held items in arrival order with when each expires, the counts,
 * whether it is closed. Blocking points: a full queue for producers, an empty one for consumers.
 * The tests that fail tell you which clause is missing.
 */
public final class LockTimeoutQueue<T> implements TimeoutQueue<T> {

    public LockTimeoutQueue(int capacity, Duration ttl, InstantSource clock) {
        throw new UnsupportedOperationException("TODO(lab12): check the arguments and build the held items, the lock and the conditions producers and consumers wait on");
    }

    /** The registry's factory: the clock of {@code timing}. (Given.) */
    public static <T> LockTimeoutQueue<T> create(int capacity, Duration ttl, Timing timing) {
        return new LockTimeoutQueue<>(capacity, ttl, TimeoutQueue.checkTiming(timing).clock());
    }

    @Override
    public String name() {
        return "lock-conditions";
    }

    @Override
    public int capacity() {
        throw new UnsupportedOperationException("TODO(lab12): the capacity this queue was built with");
    }

    @Override
    public Duration ttl() {
        throw new UnsupportedOperationException("TODO(lab12): the time-to-live this queue was built with");
    }

    @Override
    public boolean offer(T item, Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException("TODO(lab12): expire what is due, accept if there is room, else wait for room until the deadline on the clock; refuse then");
    }

    @Override
    public T poll(Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException("TODO(lab12): expire what is due, hand out the oldest item, else wait for one until the deadline on the clock");
    }

    @Override
    public Ledger ledger() {
        throw new UnsupportedOperationException("TODO(lab12): expire what is due, then the counts, read together");
    }

    @Override
    public List<T> expired() {
        throw new UnsupportedOperationException("TODO(lab12): expire what is due, then the expired items, oldest first");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO(lab12): expire what is held and tell every waiting producer and consumer");
    }
}
