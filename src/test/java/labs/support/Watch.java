package labs.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for a state a test is staging (a thread parked on a condition, queued on a lock,
 * every party at a barrier). It polls the state itself, never the clock: the bound only turns
 * "never happened" into a failed assertion instead of a hang. Not a timing assertion: nothing
 * passes or fails by being fast.
 */
public final class Watch {

    /**
     * How long a staged state may take to appear before the test fails: far more than it ever needs
     * (10 s). The system property {@code labs.watch.bound} (ISO-8601, {@code PT1S}) shortens it where
     * failing fast matters more than a loaded machine: the check that a starting point fails.
     */
    public static final Duration BOUND = Duration.parse(System.getProperty("labs.watch.bound", "PT10S"));

    private Watch() {
    }

    /** Spins (yielding) until {@code state} holds; fails naming {@code what} after {@link #BOUND}. */
    public static void until(String what, BooleanSupplier state) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!state.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + BOUND.toSeconds() + " s: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * {@link #until} for a thread BlockHound watches ({@code parallel()}, {@code computation()}, a
     * stage's thread): a bare spin, because {@code Thread.onSpinWait()} and {@code Thread.yield()}
     * count as blocking calls there on JDK 25. Same bound, same failure.
     */
    public static void spinUntil(String what, BooleanSupplier state) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!state.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + BOUND.toSeconds() + " s: " + what);
            }
        }
    }

    /** Waits for {@code latch} to open; fails naming {@code what} after {@link #BOUND}. */
    public static void await(String what, CountDownLatch latch) throws InterruptedException {
        if (!latch.await(BOUND.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("did not happen within " + BOUND.toSeconds() + " s: " + what
                    + " (" + latch.getCount() + " count(s) left)");
        }
    }

    /** Whether {@code thread} is parked (waiting on a lock, a condition, a queue, a latch). */
    public static boolean isParked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /**
     * Whether {@code thread} is parked in {@code Condition.await} (not merely on a lock): what a test
     * staging signal vs signalAll, or a lost wakeup, must wait for.
     */
    public static boolean isAwaitingCondition(Thread thread) {
        return isParked(thread)
                && java.util.concurrent.locks.LockSupport.getBlocker(thread) instanceof java.util.concurrent.locks.AbstractQueuedSynchronizer.ConditionObject;
    }

    /** Joins with the bound; a thread still alive after it is interrupted, then reported. */
    public static void joinBounded(Thread thread) throws InterruptedException {
        if (!thread.join(BOUND)) {
            thread.interrupt();
            thread.join(BOUND);
            throw new AssertionError(thread.getName() + " did not finish within " + BOUND.toSeconds() + " s (interrupted)");
        }
    }
}
