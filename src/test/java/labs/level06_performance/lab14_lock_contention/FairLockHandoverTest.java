package labs.level06_performance.lab14_lock_contention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * The mechanism behind the fair lock's collapse, staged rather than timed: a fair lock that is
 * released while a thread waits goes to that thread — the releasing thread cannot take it back,
 * however soon it asks. Under contention every increment is then a hand-over to another thread
 * (waking it when it has parked), which is what the curve shows and JFR counts. An unfair lock
 * lets the releasing thread barge back in; that side is a race by nature (who gets there first) and
 * is left to the measurements. So this test proves what the JDK's fair lock guarantees, and cannot
 * tell an unfair lock from it: made unfair, it still passed — while the releasing thread is in the
 * kernel waking the waiter, the waiter often takes the lock first (about two times in three, 200
 * tries on the 2-core build machine, 2026-11-30).
 */
class FairLockHandoverTest {

    @Test
    @Hint("A fair lock goes to the longest waiter: the thread that just released it must queue behind.")
    void aReleasedFairLockGoesToTheQueuedWaiterNotBackToTheThreadThatReleasedIt() throws InterruptedException {
        ReentrantLock fair = new ReentrantLock(true);
        CountDownLatch done = new CountDownLatch(1);
        fair.lock();
        Staged<Boolean> waiter = Staged.run("lab14-test-waiter", () -> {
            fair.lock();
            try {
                Watch.await("the test to finish its attempt", done);
            } finally {
                fair.unlock();
            }
        });
        boolean reacquired;
        try {
            Watch.until("the waiter queued on the fair lock", () -> fair.hasQueuedThread(waiter.thread()));
            fair.unlock();
            // tryLock(0, …) honours fairness; plain tryLock() would barge even on a fair lock.
            reacquired = fair.tryLock(0, TimeUnit.SECONDS);
            if (reacquired) {
                fair.unlock();
            }
        } finally {
            done.countDown();
        }
        assertThat(waiter.join().succeeded()).as("the waiter took the lock and released it").isTrue();
        assertThat(reacquired).as("the releasing thread got the fair lock back while a waiter was queued").isFalse();
    }
}
