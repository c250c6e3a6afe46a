package labs.level02_shared_state.lab04_bounded_buffer;

/**
 * BROKEN ON PURPOSE: moving an item between two buffers, locking "from" then "to".
 *
 * <p>Holding both locks makes the move atomic: no observer ever sees the item in both buffers or
 * in neither. But the order of the two locks depends on the call: thread 1 moving A→B holds A and
 * wants B while thread 2 moving B→A holds B and wants A. Each waits for the other forever: a
 * lock-order deadlock. {@link OrderedTransfer} is the fix.
 *
 * <p>Locks are taken with {@code lockInterruptibly}, so a watchdog that has detected the deadlock
 * can break it by interrupting; with {@code lock()} (or {@code synchronized}) it could not, and
 * the only way out would be to end the JVM. Proven deterministically by {@code LockOrderDeadlockTest}.
 */
public final class LockOrderDeadlock {

    private LockOrderDeadlock() {
    }

    /** Moves one item if {@code from} has one and {@code to} has room; returns whether it did. */
    public static <T> boolean transfer(TransferBuffer<T> from, TransferBuffer<T> to) throws InterruptedException {
        from.lock.lockInterruptibly(); // THE BUG: the order depends on the arguments
        try {
            to.lock.lockInterruptibly();
            try {
                return TransferBuffer.moveOneHeld(from, to);
            } finally {
                to.lock.unlock();
            }
        } finally {
            from.lock.unlock();
        }
    }
}
