package labs.level02_shared_state.lab04_bounded_buffer;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded FIFO whose one lock is meant to be held from outside: code that moves an item from
 * one of these to another holds both locks, so to every other thread the item is in exactly one
 * of them ({@link LockOrderDeadlock}, {@link OrderedTransfer}). The lock-order lesson needs no
 * waiting, so there are no conditions: a move that finds nothing to move, or no room, says so.
 *
 * <p>Its own type, not {@link LockConditionBuffer}: a buffer whose lock any caller may hold is a
 * different design (and a different risk) from one that keeps its lock to itself.
 */
public final class TransferBuffer<T> {

    private static final AtomicLong CREATED = new AtomicLong();

    /** A global order between buffers, fixed at creation: what {@link OrderedTransfer} locks by. */
    final long order = CREATED.incrementAndGet();
    /** Held by whoever moves items in or out of this buffer (see the class comment). */
    final ReentrantLock lock = new ReentrantLock();
    private final int capacity;
    // Guarded by lock.
    private final ArrayDeque<T> items = new ArrayDeque<>();

    public TransferBuffer(int capacity) {
        this.capacity = BoundedBuffer.checkCapacity(capacity);
    }

    /** Adds {@code item} if there is room; returns whether it did. */
    public boolean add(T item) {
        BoundedBuffer.checkItem(item);
        lock.lock();
        try {
            return addHeld(item);
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** Both locks held by the caller: the move is one step to everyone else. */
    static <T> boolean moveOneHeld(TransferBuffer<T> from, TransferBuffer<T> to) {
        if (from == to || from.items.isEmpty() || to.items.size() == to.capacity) {
            return false;
        }
        return to.addHeld(from.items.removeFirst());
    }

    private boolean addHeld(T item) {
        return items.size() < capacity && items.add(item);
    }
}
