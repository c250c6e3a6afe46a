package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * The flag alone ({@link FlagOnlyRunner}): it stops a job between steps, and never reaches a step
 * blocked in a wait — {@code cancel()} waits that step out. Why every registered runner also
 * interrupts (contract clause 3).
 */
class FlagOnlyRunnerTest {

    @Test
    @Hint("A flag is read between steps; a step blocked in a wait reads nothing. Only an interrupt wakes it.")
    void aFlagAloneWaitsOutAStepBlockedInAWaitThenStopsBeforeTheNext() throws Exception {
        TrackedResource tracked = new TrackedResource();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch wakeUp = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        RunningJob job = new FlagOnlyRunner().start(tracked.job(4, index -> {
            if (index == 1) {
                blocked.countDown();
                try {
                    wakeUp.await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
            return index;
        }));
        Watch.await("step 1 blocks", blocked);

        Staged<Report> cancel = Staged.start("canceller", job::cancel);
        Watch.until("the canceller waits for the job", () -> Watch.isParked(cancel.thread()));
        boolean stillInStepOne = !tracked.returned().contains(1);
        wakeUp.countDown(); // the step's own end, which the cancel could not bring
        Report report = cancel.join().value();

        assertThat(stillInStepOne).as("step 1 still blocked while cancel() waited").isTrue();
        assertThat(interrupted.get()).as("step 1 interrupted").isFalse();
        assertThat(report).as("report: step 1 ran to its end, nothing after it").isEqualTo(Report.cancelled(2));
        assertThat(tracked.started()).as("steps started").containsExactly(0, 1);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    @Test
    void aJobOfStepsThatNeverBlockStopsAtTheNextStepBoundary() throws Exception {
        TrackedResource tracked = new TrackedResource();
        CountDownLatch inStepTwo = new CountDownLatch(1);
        AtomicBoolean cancelCalled = new AtomicBoolean();
        RunningJob job = new FlagOnlyRunner().start(tracked.job(100, index -> {
            if (index == 2) {
                inStepTwo.countDown();
                while (!cancelCalled.get()) {
                    Thread.onSpinWait(); // CPU work that reads no flag of its own
                }
            }
            return index;
        }));
        Watch.await("step 2 runs", inStepTwo);
        Staged<Report> cancel = Staged.start("canceller", job::cancel);
        Watch.until("the canceller waits for the job", () -> Watch.isParked(cancel.thread()));
        cancelCalled.set(true);

        assertThat(cancel.join().value()).as("report").isEqualTo(Report.cancelled(3));
        assertThat(tracked.started()).as("steps started").containsExactly(0, 1, 2);
    }
}
