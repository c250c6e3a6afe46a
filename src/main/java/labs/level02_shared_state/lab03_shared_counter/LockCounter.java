package labs.level02_shared_state.lab03_shared_counter;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion with an explicit {@link ReentrantLock}: the same guarantee as
 * {@code synchronized}, plus what a monitor cannot do (tryLock with a timeout, interruptible
 * acquisition, fairness, conditions — lab04 needs the last one). The unlock sits in
 * {@code finally} so an exception can never leave the lock held.
 */
public final class LockCounter implements Counter {

    private final ReentrantLock lock = new ReentrantLock();
    private long count;

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
    public long get() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
