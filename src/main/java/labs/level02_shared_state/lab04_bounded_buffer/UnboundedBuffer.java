package labs.level02_shared_state.lab04_bounded_buffer;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * BROKEN ON PURPOSE: a buffer with no bound. {@code put} never waits, so nothing pushes back on a
 * producer that is faster than its consumers: the backlog, and the memory it holds, grow for as
 * long as the producer runs. In production that ends in an {@code OutOfMemoryError}, long after
 * the cause, with every queued item's latency growing on the way.
 *
 * <p>It is a {@link HandOff}, not a {@link BoundedBuffer}: it cannot honour clause 1, so it does
 * not claim a capacity. (The experiment asks every buffer for 16; this one is the one that ignores
 * it.) Shown by behaviour in {@code UnboundedBufferTest}: a producer with no consumer puts every
 * item without ever parking, where the bounded buffer parks it at its capacity.
 */
public final class UnboundedBuffer<T> implements HandOff<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();

    @Override
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(T item) {
        BoundedBuffer.checkItem(item);
        lock.lock();
        try {
            items.addLast(item); // THE BUG: no "while full, wait"
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public T take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                notEmpty.await();
            }
            return items.removeFirst();
        } finally {
            lock.unlock();
        }
    }
}
