package labs.level02_shared_state.lab04_bounded_buffer;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reference bounded buffer: a ring of {@code capacity} slots, one lock, two conditions.
 * Producers wait on {@code notFull}, consumers on {@code notEmpty}, so a put wakes only a consumer
 * and a take wakes only a producer.
 *
 * <p>Three rules, each with a named class that breaks it:
 * <ol>
 *   <li>Wait in a {@code while} loop that re-checks the predicate: a woken thread may find the
 *       state changed again by a thread that got the lock first ({@link IfInsteadOfWhileBuffer}).</li>
 *   <li>{@code signal()} is enough for put/take, because every waiter on a condition waits for the
 *       same thing and each put enables exactly one take. {@link #close} changes the predicate for
 *       <em>all</em> waiters at once, so it must {@code signalAll()} ({@link SignalInsteadOfSignalAllBuffer}).</li>
 *   <li>The bound is what pushes back on a fast producer ({@link UnboundedBuffer} has none).</li>
 * </ol>
 */
public final class LockConditionBuffer<T> implements BoundedBuffer<T>, ClosableBuffer<T> {

    private final Object[] items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    // All guarded by lock.
    private int putIndex;
    private int takeIndex;
    private int count;
    private boolean closed;

    public LockConditionBuffer(int capacity) {
        this.items = new Object[BoundedBuffer.checkCapacity(capacity)];
    }

    @Override
    public int capacity() {
        return items.length;
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
            enqueue(item);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean offer(T item, Duration timeout) throws InterruptedException {
        BoundedBuffer.checkItem(item);
        long nanos = BoundedBuffer.checkTimeout(timeout).toNanos();
        lock.lockInterruptibly();
        try {
            while (count == items.length && !closed) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            enqueue(item);
            return true;
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
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public T poll(Duration timeout) throws InterruptedException {
        long nanos = BoundedBuffer.checkTimeout(timeout).toNanos();
        lock.lockInterruptibly();
        try {
            while (count == 0 && !closed) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            // Every waiter's predicate just changed: producers must fail, consumers must re-check.
            notFull.signalAll();
            notEmpty.signalAll();
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

    /** Lock held, and either room or closed: a closed buffer takes nothing more, even with room. */
    private void enqueue(T item) {
        if (closed) {
            throw new BufferClosedException("buffer is closed: no more puts");
        }
        items[putIndex] = item;
        putIndex = (putIndex + 1) % items.length;
        count++;
        notEmpty.signal();
    }

    /** Lock held, and either an item or closed: consumers drain first, then hear it is over. */
    private T dequeue() {
        if (count == 0) {
            throw new BufferClosedException("buffer is closed and drained");
        }
        @SuppressWarnings("unchecked")
        T item = (T) items[takeIndex];
        items[takeIndex] = null; // let the item be collected: the buffer must not retain what it gave away
        takeIndex = (takeIndex + 1) % items.length;
        count--;
        notFull.signal();
        return item;
    }
}
