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

    private final Object[] items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private int putIndex;
    private int takeIndex;
    private int count;
    private boolean closed;

    public SignalInsteadOfSignalAllBuffer(int capacity) {
        this.items = new Object[BoundedBuffer.checkCapacity(capacity)];
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(T item) throws InterruptedException {
        BoundedBuffer.checkItem(item);
        lock.lockInterruptibly();
        try {
            while (count == items.length && !closed) {
                notFull.await();
            }
            if (closed) {
                throw new BufferClosedException("buffer is closed: no more puts");
            }
            items[putIndex] = item;
            putIndex = (putIndex + 1) % items.length;
            count++;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public T take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == 0 && !closed) {
                notEmpty.await();
            }
            if (count == 0) {
                throw new BufferClosedException("buffer is closed and drained");
            }
            @SuppressWarnings("unchecked")
            T item = (T) items[takeIndex];
            items[takeIndex] = null;
            takeIndex = (takeIndex + 1) % items.length;
            count--;
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
