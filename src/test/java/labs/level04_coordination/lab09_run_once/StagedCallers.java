package labs.level04_coordination.lab09_run_once;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import labs.support.Staged;
import labs.support.Watch;

/**
 * Callers of a run-once value on threads of their own, for the failure tests: what each one saw, in
 * words a test can compare, and the usual staging — a first caller whose run is held, and others
 * lined up behind it, each provably waiting before the test goes on.
 */
final class StagedCallers {

    private StagedCallers() {
    }

    /**
     * What one call of {@code get()} gave, and whether the caller's interrupt flag was set after it:
     * {@code "value of run 1, flag false"}, {@code "failed: IllegalStateException: run 1 failed, flag false"},
     * {@code "stopped waiting, flag true"}.
     */
    static String outcomeOf(RunOnce<Made> lazy) {
        try {
            return "value of run " + lazy.get().run() + ", flag " + Thread.currentThread().isInterrupted();
        } catch (InitFailedException e) {
            return "failed: " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage()
                    + ", flag " + Thread.currentThread().isInterrupted();
        } catch (WaitInterruptedException e) {
            return "stopped waiting, flag " + Thread.currentThread().isInterrupted();
        }
    }

    /** One caller on a thread named {@code name}. */
    static Staged<String> call(String name, RunOnce<Made> lazy) {
        return Staged.start(name, () -> outcomeOf(lazy));
    }

    /**
     * Starts {@code lab09-first-caller}, waits until run 1 has started, then starts {@code others}
     * more callers and waits until each of them {@code waits}. The first in the list is the first caller.
     */
    static List<Staged<String>> lineUp(RunOnce<Made> lazy, CountingInitializer init, int others, Predicate<Thread> waits) {
        List<Staged<String>> callers = new ArrayList<>();
        callers.add(call("lab09-first-caller", lazy));
        awaitRun(init, 1, callers.getFirst());
        for (int i = 1; i <= others; i++) {
            Staged<String> caller = call("lab09-caller-" + i, lazy);
            awaitWaiting(caller, waits);
            callers.add(caller);
        }
        return callers;
    }

    /**
     * Waits (bounded) until run {@code n} of the initializer has started — expected of {@code caller}'s
     * call; fails at once, with what the call gave, if {@code caller} ended first.
     */
    static void awaitRun(CountingInitializer init, int n, Staged<?> caller) {
        Watch.until("run " + n + " started, or " + caller.thread().getName() + " ended", () -> init.runs() >= n || !caller.thread().isAlive());
        if (init.runs() < n) {
            throw new AssertionError(caller.thread().getName() + " ended without starting run " + n + " of the initializer: " + caller.outcomeSoFar());
        }
    }

    /** Waits (bounded) until {@code caller} {@code waits}; fails at once, with what its call gave, if it ended instead. */
    static void awaitWaiting(Staged<?> caller, Predicate<Thread> waits) {
        Thread thread = caller.thread();
        Watch.until(thread.getName() + " waits, or ends", () -> waits.test(thread) || !thread.isAlive());
        if (!thread.isAlive()) {
            throw new AssertionError(thread.getName() + " did not wait for the run under way: its call ended with " + caller.outcomeSoFar());
        }
    }

    /** Blocked entering a monitor: where a caller of an imperative variant waits for the run. */
    static boolean blockedOnTheMonitor(Thread thread) {
        return thread.getState() == Thread.State.BLOCKED;
    }
}
