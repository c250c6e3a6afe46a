package labs.level04_coordination.lab09_run_once;

import static labs.level04_coordination.lab09_run_once.StagedCallers.lineUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Staged;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failure themes for the variants that run the initializer on the caller's own thread, inside a
 * monitor ({@link RunOnce.RunsOn#CALLER}: {@code synchronized}, {@code double-checked}), staged with
 * real threads: the run is held until a second caller is blocked on the monitor behind it, so each
 * scenario happens the same way on every run.
 */
class ImperativeRunOnceFailureTest {

    static Stream<Implementation<RunOnce.Variant>> runOnTheCallersThread() {
        return RunOnce.IMPLEMENTATIONS.stream().filter(i -> i.create().runsOn() == RunOnce.RunsOn.CALLER);
    }

    @ParameterizedTest
    @MethodSource("runOnTheCallersThread")
    @Hint("The first caller's thread IS the run: interrupt it and the run fails. The next caller in the monitor finds no value and runs again.")
    void interruptingTheCallerThatRunsTheInitializerFailsThatRunAndTheWaitingCallerRunsItAgain(Implementation<RunOnce.Variant> impl)
            throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.held()) {
            List<Staged<String>> callers = lineUp(impl.create().make().of(init), init, 1, StagedCallers::blockedOnTheMonitor);

            callers.getFirst().thread().interrupt();
            assertThat(callers.getFirst().join().value()).as("what the interrupted first caller got")
                    .isEqualTo("failed: InterruptedException: null, flag true");
            StagedCallers.awaitRun(init, 2, callers.getLast()); // the waiter took the monitor, found no value and started its own run
            init.release();

            assertThat(callers.getLast().join().value()).as("what the waiter got").isEqualTo("value of run 2, flag false");
            assertThat(init.threads()).as("the threads the runs ran on").containsExactly("lab09-first-caller", "lab09-caller-1");
            assertThat(init.interrupted()).as("runs stopped by the interrupt").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("runOnTheCallersThread")
    @Hint("A thread waiting to enter a synchronized block cannot be interrupted: it waits on, and finds its flag set when it gets in.")
    void aCallerWaitingForTheMonitorCannotBeInterruptedAndStillGetsTheValue(Implementation<RunOnce.Variant> impl)
            throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.held()) {
            List<Staged<String>> callers = lineUp(impl.create().make().of(init), init, 1, StagedCallers::blockedOnTheMonitor);

            callers.getLast().thread().interrupt();
            init.release();

            assertThat(callers.getFirst().join().value()).as("what the first caller got").isEqualTo("value of run 1, flag false");
            assertThat(callers.getLast().join().value()).as("what the interrupted waiter got").isEqualTo("value of run 1, flag true");
            assertThat(init.runs()).as("runs of the initializer").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("runOnTheCallersThread")
    @Hint("Nothing is cached when a run fails: whoever holds the monitor next finds no value, and runs the initializer itself.")
    void aCallerWaitingOnAFailedRunRunsTheInitializerItself(Implementation<RunOnce.Variant> impl) throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.heldAndFailingOn(run -> run == 1)) {
            List<Staged<String>> callers = lineUp(impl.create().make().of(init), init, 1, StagedCallers::blockedOnTheMonitor);

            init.release();

            assertThat(callers.getFirst().join().value()).as("what the first caller got")
                    .isEqualTo("failed: IllegalStateException: run 1 failed, flag false");
            assertThat(callers.getLast().join().value()).as("what the waiter got").isEqualTo("value of run 2, flag false");
            assertThat(init.threads()).as("the threads the runs ran on").containsExactly("lab09-first-caller", "lab09-caller-1");
        }
    }
}
