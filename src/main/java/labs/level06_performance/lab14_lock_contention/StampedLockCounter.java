package labs.level06_performance.lab14_lock_contention;

import java.util.concurrent.locks.StampedLock;

/**
 * A {@link StampedLock}: increments take its write lock; {@link #sum} reads <em>optimistically</em>
 * — no lock at all, then {@code validate(stamp)} asks whether a writer came in between, and only
 * then reads again under the read lock. A reader never makes a writer wait. For a write-only
 * workload such as this count its write lock is a plain non-reentrant lock with no fairness; the
 * optimistic read is what it adds (lab10 is about readers).
 *
 * <p>The tempting mistake is to use the optimistic read for the increment itself: read
 * {@code count}, take the write lock, write the value read plus one — without validating the stamp
 * ({@link UnvalidatedStampedCounter}, which Lincheck catches losing an update).
 */
public final class StampedLockCounter implements SharedCounter {

    private final StampedLock lock = new StampedLock();
    private long count;

    @Override
    public void increment() {
        long stamp = lock.writeLock();
        try {
            count++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public long sum() {
        long stamp = lock.tryOptimisticRead();
        long seen = count;
        if (lock.validate(stamp)) {
            return seen; // no writer held the lock between the stamp and the read: seen is a value count had
        }
        stamp = lock.readLock();
        try {
            return count;
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
