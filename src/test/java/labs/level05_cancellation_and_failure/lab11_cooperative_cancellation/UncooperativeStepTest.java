package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cooperation needs the step too. A step that swallows its interrupt, or spins without looking,
 * cannot be stopped while it runs — by any runner: every implementation's {@code cancel()} waits for
 * it (bounded), then stops the job before the next step and releases after the step has returned.
 * The probe: the step is still running, and {@code cancel()} has not returned, after the interrupt
 * was delivered.
 */
class UncooperativeStepTest {

    static Stream<Implementation<Supplier<JobRunner>>> implementations() {
        return JobRunner.IMPLEMENTATIONS.stream();
    }

    /** What the staged cancel saw: whether it returned while the step still ran, and its report. */
    private record Seen(boolean returnedWhileTheStepRan, boolean releasedWhileTheStepRan, Report report) {
    }

    /**
     * Step 1 runs {@code body} (which signals {@code ignoring} once it has let the interrupt go by);
     * the test cancels, waits for that signal and for the canceller to wait, then ends the step.
     */
    private static Seen cancelDuring(Supplier<JobRunner> runner, TrackedResource tracked, StepOne body) throws Exception {
        CountDownLatch ignoring = new CountDownLatch(1);
        CountDownLatch mayReturn = new CountDownLatch(1);
        RunningJob job = runner.get().start(tracked.job(4, index -> index == 1 ? body.run(ignoring, mayReturn) : index));
        Watch.until("step 1 starts", () -> tracked.started().contains(1));

        Staged<Report> cancel = Staged.start("canceller", job::cancel);
        Watch.await("step 1 lets the interrupt go by", ignoring);
        Watch.until("the canceller waits", () -> Watch.isParked(cancel.thread()) || cancel.outcomeSoFar() != null);
        boolean returned = cancel.outcomeSoFar() != null;
        boolean released = tracked.released() > 0;
        mayReturn.countDown();
        Result<Report> report = cancel.join();
        return new Seen(returned, released, report.value());
    }

    @FunctionalInterface
    private interface StepOne {
        long run(CountDownLatch ignoring, CountDownLatch mayReturn) throws Exception;
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The interrupt is the step's only chance to hear the cancel. Catching it and carrying on makes the step uncancellable; cancel() can only wait for it.")
    void aStepThatSwallowsItsInterruptHoldsCancelUntilItReturns(Implementation<Supplier<JobRunner>> impl) throws Exception {
        TrackedResource tracked = new TrackedResource();
        AtomicBoolean swallowed = new AtomicBoolean();
        Seen seen = cancelDuring(impl.create(), tracked, (ignoring, mayReturn) -> {
            while (true) {
                try {
                    if (mayReturn.await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS)) {
                        return 1;
                    }
                    throw new IllegalStateException("the test never let step 1 return");
                } catch (InterruptedException e) {
                    swallowed.set(true); // "cannot happen": wait again
                    ignoring.countDown();
                }
            }
        });

        assertThat(swallowed.get()).as("step 1 received (and swallowed) an interrupt").isTrue();
        assertThat(seen.returnedWhileTheStepRan()).as("cancel() returned while step 1 still ran").isFalse();
        assertThat(seen.releasedWhileTheStepRan()).as("released while step 1 still ran").isFalse();
        assertThat(seen.report().ending()).as("ending").isEqualTo(Ending.CANCELLED);
        assertThat(tracked.started()).as("steps started: none after step 1 returned").containsExactly(0, 1);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A loop that never looks at Thread.interrupted() (or a flag) cannot be stopped before it ends by itself.")
    void aStepThatSpinsWithoutLookingHoldsCancelUntilItReturns(Implementation<Supplier<JobRunner>> impl) throws Exception {
        TrackedResource tracked = new TrackedResource();
        Seen seen = cancelDuring(impl.create(), tracked, (ignoring, mayReturn) -> {
            boolean told = false;
            while (mayReturn.getCount() > 0) {
                if (!told && Thread.currentThread().isInterrupted()) { // looks only to tell the test; does not stop
                    told = true;
                    ignoring.countDown();
                }
            }
            return 1;
        });

        assertThat(seen.returnedWhileTheStepRan()).as("cancel() returned while step 1 still ran").isFalse();
        assertThat(seen.releasedWhileTheStepRan()).as("released while step 1 still ran").isFalse();
        assertThat(seen.report().ending()).as("ending").isEqualTo(Ending.CANCELLED);
        assertThat(tracked.started()).as("steps started: none after step 1 returned").containsExactly(0, 1);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }
}
