package labs.level02_shared_state.lab04_bounded_buffer;

import java.time.Duration;

/**
 * EXERCISE (lab04): the reference bounded buffer, to write yourself. Read the lab's README.md
 * first; {@code labs practice lab04} put this file where the build picks it up instead of the
 * reference, so every lab04 test, diagram, BlockHound check and the leak check run against it.
 *
 * <p>The contract ({@link BoundedBuffer}, {@link ClosableBuffer}):
 * <ol>
 *   <li>Bounded: never more than {@code capacity} items inside; {@link #put} waits while full.</li>
 *   <li>FIFO, exactly once: {@link #take} waits while empty; items come out in the order they went in.</li>
 *   <li>Timed forms: {@link #offer} returns false if still full after its timeout, {@link #poll}
 *       null if still empty; a zero timeout never waits.</li>
 *   <li>Interruptible: every wait ends on interrupt with {@link InterruptedException}, the buffer unchanged.</li>
 *   <li>Bad input fails at once: {@code BoundedBuffer.checkCapacity}, {@code checkItem}, {@code checkTimeout}.</li>
 *   <li>Shutdown: after {@link #close}, puts (waiting ones too) throw {@link BufferClosedException}
 *       ("buffer is closed: no more puts"); takes drain what is inside, then throw it ("buffer is
 *       closed and drained"), waiting ones too. {@code close} never waits and may be called again.</li>
 * </ol>
 *
 * <p>Shared state to design: a ring of {@code capacity} slots, where the next put and the next
 * take go, how many items are inside, whether it is closed. Blocking points: a full ring for
 * producers, an empty one for consumers. The tests that fail tell you which clause is missing.
 */
public final class LockConditionBuffer<T> implements BoundedBuffer<T>, ClosableBuffer<T> {

    public LockConditionBuffer(int capacity) {
        throw new UnsupportedOperationException("TODO(lab04): check the capacity and build the ring, its lock and the conditions producers and consumers wait on");
    }

    @Override
    public int capacity() {
        throw new UnsupportedOperationException("TODO(lab04): the capacity this buffer was built with");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("TODO(lab04): how many items are inside, read under the lock");
    }

    @Override
    public void put(T item) throws InterruptedException {
        throw new UnsupportedOperationException("TODO(lab04): wait while full (and open), then add the item and wake a consumer; fail once closed");
    }

    @Override
    public boolean offer(T item, Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException("TODO(lab04): put, but give up with false when still full after the timeout");
    }

    @Override
    public T take() throws InterruptedException {
        throw new UnsupportedOperationException("TODO(lab04): wait while empty (and open), then remove the oldest item and wake a producer; fail once closed and drained");
    }

    @Override
    public T poll(Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException("TODO(lab04): take, but give up with null when still empty after the timeout");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO(lab04): mark the buffer closed and tell every waiting producer and consumer");
    }

    @Override
    public boolean isClosed() {
        throw new UnsupportedOperationException("TODO(lab04): whether close() has been called");
    }
}
