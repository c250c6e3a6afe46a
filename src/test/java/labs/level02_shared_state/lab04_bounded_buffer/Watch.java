package labs.level02_shared_state.lab04_bounded_buffer;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for a state the test is staging (a thread parked on a condition, queued on a lock,
 * deadlocked). It polls the state itself, never the clock: the bound only turns "never happened"
 * into a failure instead of a hang. Not a timing assertion: nothing passes or fails by being fast.
 */
final class Watch {

    static final Duration BOUND = Duration.ofSeconds(5);

    private Watch() {
    }

    static void until(String what, BooleanSupplier state) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!state.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + BOUND.toSeconds() + " s: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    static boolean isParked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /** Joins with the bound; a thread still alive after it is interrupted and reported. */
    static void joinBounded(Thread thread) throws InterruptedException {
        if (!thread.join(BOUND)) {
            thread.interrupt();
            thread.join(BOUND);
            throw new AssertionError(thread.getName() + " did not finish within " + BOUND.toSeconds() + " s");
        }
    }
}
