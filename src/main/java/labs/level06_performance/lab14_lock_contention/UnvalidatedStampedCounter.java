package labs.level06_performance.lab14_lock_contention;

import java.util.concurrent.locks.StampedLock;

/**
 * A lesson, not an implementation: {@link StampedLockCounter} with its increment "optimised" into an
 * optimistic read followed by the write lock — and the stamp never validated. Two threads read the
 * same {@code count}, take the write lock one after the other, and both write {@code count + 1}: a
 * lost update, exactly {@code count++} without a lock. An optimistic read is only a guess until
 * {@code validate(stamp)} says no writer came in between; a guess written back is a race.
 *
 * <p>Kept out of {@link ContendedCount#IMPLEMENTATIONS}; {@code CounterLincheckTest} must report it
 * non-linearizable, and does.
 */
public final class UnvalidatedStampedCounter implements SharedCounter {

    private final StampedLock lock = new StampedLock();
    private long count;

    @Override
    public void increment() {
        lock.tryOptimisticRead();
        long next = count + 1; // read outside the lock, and the stamp is never validated: the bug
        long stamp = lock.writeLock();
        try {
            count = next;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public long sum() {
        long stamp = lock.readLock();
        try {
            return count;
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
