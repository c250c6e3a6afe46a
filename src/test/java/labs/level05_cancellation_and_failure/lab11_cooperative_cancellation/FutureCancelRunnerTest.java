package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * "Cancel during cleanup" with {@code Future.cancel(true)} ({@link FutureCancelRunner}): a job that
 * has run every step is releasing its resource — the release waits (interruptibly) for the test,
 * then flushes on until the test lets it end — when the cancel arrives. The same job through
 * {@link PlatformThreadRunner} is the control.
 */
class FutureCancelRunnerTest {

    /** What one cancel during the release did. */
    private record Seen(Report report, boolean releaseInterrupted, boolean returnedBeforeTheReleaseEnded, int releases) {
    }

    private static Seen cancelDuringTheRelease(Supplier<JobRunner> runner) throws Exception {
        CountDownLatch releasing = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        CountDownLatch flushed = new CountDownLatch(1);
        AtomicBoolean releaseInterrupted = new AtomicBoolean();
        AtomicBoolean releaseEnded = new AtomicBoolean();
        TrackedResource tracked = new TrackedResource().onRelease(() -> {
            releasing.countDown();
            try {
                mayFinish.await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                releaseInterrupted.set(true);
            }
            while (flushed.getCount() > 0) {
                Thread.onSpinWait(); // the rest of the flush, which no interrupt stops
            }
            releaseEnded.set(true);
        });
        RunningJob job = runner.get().start(tracked.job(2, index -> index));
        Watch.await("the job releases its resource", releasing);

        Staged<Report> cancel = Staged.start("canceller", job::cancel);
        Watch.until("the canceller waits or returns", () -> Watch.isParked(cancel.thread()) || cancel.outcomeSoFar() != null);
        boolean returnedEarly = cancel.outcomeSoFar() != null && !releaseEnded.get();
        mayFinish.countDown();
        flushed.countDown();
        Report report = cancel.join().value();
        job.await(); // joins what still runs
        return new Seen(report, releaseInterrupted.get(), returnedEarly, tracked.released());
    }

    @Test
    @Hint("A FutureTask runs until its callable returns — finally blocks included. Decide the ending yourself, before the cleanup, and stop interrupting then.")
    void futureCancelDuringTheReleaseReportsACompletedJobAsCancelledAndInterruptsTheRelease() throws Exception {
        Seen seen = cancelDuringTheRelease(FutureCancelRunner::new);

        assertThat(seen.report().ending()).as("what the future said of a job that ran both its steps").isEqualTo(Ending.CANCELLED);
        assertThat(seen.releaseInterrupted()).as("the release was interrupted").isTrue();
        assertThat(seen.returnedBeforeTheReleaseEnded()).as("cancel() returned while the release was still running").isTrue();
        assertThat(seen.releases()).as("releases").isEqualTo(1);
    }

    @Test
    void theSameCancelThroughPlatformThreadRunnerFindsTheJobCompletedAndLetsTheReleaseFinish() throws Exception {
        Seen seen = cancelDuringTheRelease(PlatformThreadRunner::new);

        assertThat(seen.report()).as("report").isEqualTo(Report.completed(2));
        assertThat(seen.releaseInterrupted()).as("the release was interrupted").isFalse();
        assertThat(seen.returnedBeforeTheReleaseEnded()).as("cancel() returned while the release was still running").isFalse();
        assertThat(seen.releases()).as("releases").isEqualTo(1);
    }
}
