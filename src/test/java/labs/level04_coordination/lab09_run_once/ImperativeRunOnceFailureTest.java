package labs.level04_coordination.lab09_run_once;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failure themes for the variants that run the initializer on the caller's own thread, inside a
 * monitor ({@link RunOnce.RunsOn#CALLER}: {@code synchronized}, {@code double-checked}), staged with
 * real threads: the run is held until the test has lined the other callers up behind it, so each
 * scenario happens the same way on every run.
 */
class ImperativeRunOnceFailureTest {

    static Stream<Implementation<RunOnce.Variant>> runOnTheCallersThread() {
        return RunOnce.IMPLEMENTATIONS.stream().filter(i -> i.create().runsOn() == RunOnce.RunsOn.CALLER);
    }

    /** What a staged caller saw: its value's run, or its failure's cause, and whether its interrupt flag was set. */
    private static String outcomeOf(RunOnce<Made> lazy) {
        try {
            return "value of run " + lazy.get().run() + ", flag " + Thread.currentThread().isInterrupted();
        } catch (InitFailedException e) {
            return "failed: " + e.getCause().getClass().getSimpleName() + ", flag " + Thread.currentThread().isInterrupted();
        }
    }

    @ParameterizedTest
    @MethodSource("runOnTheCallersThread")
    @Hint("The first caller's thread IS the run: interrupt it and the run fails. The next caller in the monitor finds no value and runs again.")
    void interruptingTheCallerThatRunsTheInitializerFailsThatRunAndTheWaitingCallerRunsItAgain(Implementation<RunOnce.Variant> impl)
            throws InterruptedException {
        CountingInitializer init = CountingInitializer.held();
        RunOnce<Made> lazy = impl.create().make().of(init);
        Staged<String> first = Staged.start("lab09-first-caller", () -> outcomeOf(lazy));
        init.awaitRun(1);
        Staged<String> waiter = Staged.start("lab09-waiter", () -> outcomeOf(lazy));
        Watch.until("the waiter is blocked on the monitor", () -> waiter.thread().getState() == Thread.State.BLOCKED);

        first.thread().interrupt();
        assertThat(first.join().value()).as("what the interrupted first caller got").isEqualTo("failed: InterruptedException, flag true");
        init.awaitRun(2); // the waiter took the monitor, found no value and started its own run
        init.release();

        assertThat(waiter.join().value()).as("what the waiter got").isEqualTo("value of run 2, flag false");
        assertThat(init.threads()).as("the threads the runs ran on").containsExactly("lab09-first-caller", "lab09-waiter");
        assertThat(init.interrupted()).as("runs stopped by the interrupt").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("runOnTheCallersThread")
    @Hint("A thread waiting to enter a synchronized block cannot be interrupted: it waits on, and finds its flag set when it gets in.")
    void aCallerWaitingForTheMonitorCannotBeInterruptedAndStillGetsTheValue(Implementation<RunOnce.Variant> impl)
            throws InterruptedException {
        CountingInitializer init = CountingInitializer.held();
        RunOnce<Made> lazy = impl.create().make().of(init);
        Staged<String> first = Staged.start("lab09-first-caller", () -> outcomeOf(lazy));
        init.awaitRun(1);
        Staged<String> waiter = Staged.start("lab09-waiter", () -> outcomeOf(lazy));
        Watch.until("the waiter is blocked on the monitor", () -> waiter.thread().getState() == Thread.State.BLOCKED);

        waiter.thread().interrupt();
        init.release();

        assertThat(first.join().value()).as("what the first caller got").isEqualTo("value of run 1, flag false");
        assertThat(waiter.join().value()).as("what the interrupted waiter got").isEqualTo("value of run 1, flag true");
        assertThat(init.runs()).as("runs of the initializer").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("runOnTheCallersThread")
    @Hint("Nothing is cached when a run fails: whoever holds the monitor next finds no value, and runs the initializer itself.")
    void aCallerWaitingOnAFailedRunRunsTheInitializerItself(Implementation<RunOnce.Variant> impl) throws InterruptedException {
        CountingInitializer init = CountingInitializer.heldAndFailingOn(run -> run == 1);
        RunOnce<Made> lazy = impl.create().make().of(init);
        Staged<String> first = Staged.start("lab09-first-caller", () -> outcomeOf(lazy));
        init.awaitRun(1);
        Staged<String> waiter = Staged.start("lab09-waiter", () -> outcomeOf(lazy));
        Watch.until("the waiter is blocked on the monitor", () -> waiter.thread().getState() == Thread.State.BLOCKED);

        init.release();

        assertThat(first.join().value()).as("what the first caller got").isEqualTo("failed: IllegalStateException, flag false");
        assertThat(waiter.join().value()).as("what the waiter got").isEqualTo("value of run 2, flag false");
        assertThat(init.threads()).as("the threads the runs ran on").containsExactly("lab09-first-caller", "lab09-waiter");
    }
}
