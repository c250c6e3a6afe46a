package labs.level02_shared_state.lab04_bounded_buffer;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * BROKEN ON PURPOSE: {@link LockConditionBuffer}'s put and take with {@code if} where it has
 * {@code while}.
 *
 * <p>A signal only says "the state changed"; by the time the woken thread has the lock again,
 * another thread may have changed it back. A consumer woken by a put can find that a second
 * consumer, which got the lock first, already took the item. With {@code if} it does not look
 * again and takes from an empty ring: it returns {@code null} (a slot already cleared) and the
 * count goes to -1. A producer woken by a take can likewise put into a ring that another producer
 * filled again: the count passes the capacity, {@code count == capacity} never holds again, and
 * later puts stop waiting and overwrite items not yet taken. Spurious wakeups, which
 * {@link Condition#await} allows, do the same.
 *
 * <p>A {@link HandOff} only: it breaks clauses 1 and 2 of {@link BoundedBuffer}, so it does not
 * claim them. Proven deterministically by {@code IfInsteadOfWhileBufferTest}, which holds the
 * buffer's lock while it puts and then takes itself, so the woken consumer is guaranteed to be late.
 */
public final class IfInsteadOfWhileBuffer<T> implements HandOff<T> {

    private final Ring<T> ring; // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();

    public IfInsteadOfWhileBuffer(int capacity) {
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
            if (ring.isFull()) { // THE BUG: checked once, not re-checked after waking
                notFull.await();
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
            if (ring.isEmpty()) { // THE BUG: checked once, not re-checked after waking
                notEmpty.await();
            }
            T item = ring.remove();
            notFull.signal();
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** The staging point of its own test (holding it makes a woken consumer late); the reference has none. */
    ReentrantLock lock() {
        return lock;
    }
}
