package labs.level02_shared_state.lab04_bounded_buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * BROKEN ON PURPOSE: a buffer with no bound. {@code put} never waits, so nothing pushes back on a
 * producer that is faster than its consumers: the backlog, and the memory it holds, grow for as
 * long as the producer runs. In production that ends in an {@code OutOfMemoryError}, long after
 * the cause, with every queued item's latency growing on the way.
 *
 * <p>It still reports the capacity it was given, which is the trap: the number is there, nothing
 * enforces it. Shown safely by {@code UnboundedBufferTest} (a bounded number of items, the
 * occupancy asserted to pass the stated capacity) and by {@code labs run lab04} (max occupancy).
 */
public final class UnboundedBuffer<T> implements BoundedBuffer<T> {

    private final int statedCapacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();

    public UnboundedBuffer(int statedCapacity) {
        this.statedCapacity = BoundedBuffer.checkCapacity(statedCapacity);
    }

    @Override
    public String name() {
        return "unbounded";
    }

    @Override
    public int capacity() {
        return statedCapacity; // stated, never enforced
    }

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
    public boolean offer(T item, Duration timeout) {
        BoundedBuffer.checkTimeout(timeout);
        put(item);
        return true; // never full, so never refuses
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

    @Override
    public T poll(Duration timeout) throws InterruptedException {
        long nanos = BoundedBuffer.checkTimeout(timeout).toNanos();
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return items.removeFirst();
        } finally {
            lock.unlock();
        }
    }
}
