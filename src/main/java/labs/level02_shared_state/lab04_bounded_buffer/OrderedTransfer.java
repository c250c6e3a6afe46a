package labs.level02_shared_state.lab04_bounded_buffer;

/**
 * The fix for {@link LockOrderDeadlock}: every thread takes the two locks in one global order
 * (each buffer's {@code lockOrder}, fixed at creation), whichever direction it moves the item.
 * A thread that holds the first lock in the order can only wait for a later one, so no cycle of
 * waiting threads can form.
 */
public final class OrderedTransfer {

    private OrderedTransfer() {
    }

    public static <T> boolean transfer(LockConditionBuffer<T> from, LockConditionBuffer<T> to) throws InterruptedException {
        return transfer(from, to, () -> { });
    }

    static <T> boolean transfer(LockConditionBuffer<T> from, LockConditionBuffer<T> to, Runnable betweenLocks)
            throws InterruptedException {
        LockConditionBuffer<T> first = from.lockOrder <= to.lockOrder ? from : to;
        LockConditionBuffer<T> second = first == from ? to : from;
        first.lock().lockInterruptibly();
        try {
            betweenLocks.run();
            second.lock().lockInterruptibly(); // re-entrant when from == to
            try {
                return moveOneHeld(from, to);
            } finally {
                second.lock().unlock();
            }
        } finally {
            first.lock().unlock();
        }
    }

    /** Both locks held: the move is one step to everyone else. */
    static <T> boolean moveOneHeld(LockConditionBuffer<T> from, LockConditionBuffer<T> to) {
        if (from == to || from.count() == 0 || to.count() == to.capacity() || to.closedHeld()) {
            return false;
        }
        to.enqueue(from.dequeue());
        return true;
    }
}
