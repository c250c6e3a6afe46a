package labs.level02_shared_state.lab04_bounded_buffer;

/**
 * The fix for {@link LockOrderDeadlock}: every thread takes the two locks in one global order
 * (each buffer's {@code order}, fixed at creation), whichever direction it moves the item. A
 * thread that holds the first lock in the order can only wait for a later one, so no cycle of
 * waiting threads can form.
 */
public final class OrderedTransfer {

    private OrderedTransfer() {
    }

    /** Moves one item if {@code from} has one and {@code to} has room; returns whether it did. */
    public static <T> boolean transfer(TransferBuffer<T> from, TransferBuffer<T> to) throws InterruptedException {
        TransferBuffer<T> first = from.order <= to.order ? from : to;
        TransferBuffer<T> second = first == from ? to : from;
        first.lock.lockInterruptibly();
        try {
            second.lock.lockInterruptibly(); // re-entrant when from == to
            try {
                return TransferBuffer.moveOneHeld(from, to);
            } finally {
                second.lock.unlock();
            }
        } finally {
            first.lock.unlock();
        }
    }
}
