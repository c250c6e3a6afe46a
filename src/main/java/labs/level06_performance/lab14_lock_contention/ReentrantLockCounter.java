package labs.level06_performance.lab14_lock_contention;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One {@link ReentrantLock} for the whole count, fair or not: the same exclusion, two hand-over
 * rules, and that rule is what the curves show.
 *
 * <ul>
 *   <li><b>Unfair</b> (the default): a thread that releases the lock and asks again may take it
 *       straight back ("barging") while a waiter is still waking up. One thread keeps the lock hot
 *       in its cache for a run of increments; the waiters wait longer.</li>
 *   <li><b>Fair</b>: a released lock goes to the longest waiter. Under contention every increment
 *       is a hand-over to a parked thread — an unpark, a context switch, a cold cache line — so
 *       throughput falls to the speed of waking threads, and past the core count the next in line
 *       may not even be running (FAILURE.md: scalability collapse).</li>
 * </ul>
 */
public final class ReentrantLockCounter implements SharedCounter {

    private final ReentrantLock lock;
    private long count;

    public ReentrantLockCounter(boolean fair) {
        this.lock = new ReentrantLock(fair);
    }

    @Override
    public void increment() {
        lock.lock();
        try {
            count++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long sum() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
