package labs.level02_shared_state.lab04_bounded_buffer;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * BROKEN ON PURPOSE: {@link LockConditionBuffer} whose {@link #close} calls {@code signal()} where
 * it needs {@code signalAll()}.
 *
 * <p>{@code signal()} in put/take is right: one item frees one waiter. But close changes the
 * predicate of <em>every</em> waiter ("closed" now ends all their waits). {@code signal()} wakes
 * one consumer; it sees the buffer closed and leaves, and does not pass the news on. Every other
 * waiting consumer sleeps on: a missed wakeup. Nothing will ever signal again, so it is a stall,
 * not a delay: the threads are stuck in {@code take()} on a closed buffer until interrupted.
 *
 * <p>A {@link ClosableBuffer} (put, take, close), which is all its lesson needs; it breaks
 * {@link ClosableBuffer}'s clause 2. Proven deterministically by
 * {@code SignalInsteadOfSignalAllBufferTest}: two consumers wait, close, the first ends, a watchdog
 * then sees the second still waiting on a closed buffer with no one left to wake it, reports the
 * stall and breaks it with an interrupt.
 */
public final class SignalInsteadOfSignalAllBuffer<T> implements ClosableBuffer<T> {

    private final Ring<T> ring; // guarded by lock, as closed is
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private boolean closed;

    public SignalInsteadOfSignalAllBuffer(int capacity) {
        this.ring = new Ring<>(capacity);
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return ring.count();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(T item) throws InterruptedException {
        BoundedBuffer.checkItem(item);
        lock.lockInterruptibly();
        try {
            while (ring.isFull() && !closed) {
                notFull.await();
            }
            if (closed) {
                throw new BufferClosedException("buffer is closed: no more puts");
            }
            ring.add(item);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public T take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (ring.isEmpty() && !closed) {
                notEmpty.await();
            }
            if (ring.isEmpty()) {
                throw new BufferClosedException("buffer is closed and drained");
            }
            T item = ring.remove();
            notFull.signal();
            return item;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notFull.signal();  // THE BUG: wakes one waiting producer; the others never hear of close
            notEmpty.signal(); // THE BUG: wakes one waiting consumer; the others never hear of close
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
