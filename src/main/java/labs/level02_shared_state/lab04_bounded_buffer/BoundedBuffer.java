package labs.level02_shared_state.lab04_bounded_buffer;

import java.time.Duration;
import java.util.Objects;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The lab04 contract: a FIFO buffer of at most {@link #capacity} items shared by producer and
 * consumer threads. See the lab's README.md for the spec; {@code BoundedBufferContractTest} checks
 * every implementation in {@link #IMPLEMENTATIONS} against it.
 *
 * <ol>
 *   <li>Bounded: never more than {@code capacity} items inside; {@link #put} waits while full.</li>
 *   <li>FIFO, exactly once: {@link #take} waits while empty; items come out in the order they went in, each once.</li>
 *   <li>Timed forms: {@link #offer} returns false if still full after its timeout, {@link #poll}
 *       returns null if still empty. A zero timeout never waits.</li>
 *   <li>Interruptible: every wait ends on interrupt with {@link InterruptedException}, leaving the buffer unchanged.</li>
 *   <li>Bad input fails at once with a one-line message: capacity &lt; 1, null items, negative timeouts.</li>
 * </ol>
 */
public interface BoundedBuffer<T> extends HandOff<T> {

    /** How to make a buffer of a given capacity: a constructor reference, as a rule. */
    @FunctionalInterface
    interface Factory {
        <T> BoundedBuffer<T> withCapacity(int capacity);
    }

    /**
     * Every implementation that meets the whole contract, by the name {@code --impl} takes; the
     * contract test runs each ({@code IMPLEMENTATIONS.create("lock-conditions").withCapacity(16)}).
     * The broken variants are not here: they do not meet it (see {@link HandOff}).
     */
    Implementations<Factory> IMPLEMENTATIONS = Implementations.of("lab04",
            new Implementation<>("lock-conditions", "a ring, one ReentrantLock, conditions notFull/notEmpty awaited in while loops, close() with signalAll",
                    LockConditionBuffer::new),
            new Implementation<>("array-blocking-queue", "the JDK's ArrayBlockingQueue: the same design, without close",
                    ArrayBlockingQueueBuffer::new));

    int capacity();

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
