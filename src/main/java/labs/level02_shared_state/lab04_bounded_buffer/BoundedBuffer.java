package labs.level02_shared_state.lab04_bounded_buffer;

import java.time.Duration;
import java.util.Objects;

/**
 * The lab04 contract: a FIFO buffer of at most {@link #capacity} items shared by producer and
 * consumer threads. See the lab's README.md for the spec. {@code BoundedBufferContractTest} runs it
 * against {@link LockConditionBuffer} and {@link ArrayBlockingQueueBuffer} alike.
 *
 * <ul>
 *   <li>Never more than {@code capacity} items inside; {@link #put} waits while full.</li>
 *   <li>{@link #take} waits while empty; items come out in the order they went in, each exactly once.</li>
 *   <li>The timed forms give up after their timeout: {@link #offer} returns false, {@link #poll}
 *       returns null. A zero timeout never waits.</li>
 *   <li>Every wait ends on interrupt with {@link InterruptedException}, leaving the buffer unchanged.</li>
 *   <li>Bad input fails at once with a one-line message: capacity &lt; 1, null items, negative timeouts.</li>
 * </ul>
 */
public interface BoundedBuffer<T> {

    /** A short name, as used by {@code labs run lab04 --impl NAME}. */
    String name();

    int capacity();

    /** Items inside right now (a snapshot: it may change as soon as it is returned). */
    int size();

    void put(T item) throws InterruptedException;

    T take() throws InterruptedException;

    /** Puts unless still full after {@code timeout}; returns whether it did. */
    boolean offer(T item, Duration timeout) throws InterruptedException;

    /** Takes unless still empty after {@code timeout}; returns null if it did not. */
    T poll(Duration timeout) throws InterruptedException;

    static int checkCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 (got " + capacity + ")");
        }
        return capacity;
    }

    static <T> T checkItem(T item) {
        return Objects.requireNonNull(item, "item must not be null (null is how poll says 'nothing')");
    }

    static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0 (got " + timeout + ")");
        }
        return timeout;
    }
}
