package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import labs.support.Hint;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * "A resource never freed", counted: {@link LeakyReleaseRunner} releases only after a full run; the
 * same jobs through {@link PlatformThreadRunner} release once on every path.
 */
class LeakyReleaseRunnerTest {

    private static int releasesAfterACancel(Supplier<JobRunner> runner) throws InterruptedException {
        TrackedResource tracked = new TrackedResource();
        CountDownLatch blocked = new CountDownLatch(1);
        RunningJob job = runner.get().start(tracked.job(3, index -> {
            blocked.countDown();
            new CountDownLatch(1).await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS);
            return index;
        }));
        Watch.await("step 0 blocks", blocked);
        assertThat(job.cancel().ending()).as("ending").isEqualTo(Ending.CANCELLED);
        return tracked.released();
    }

    private static int releasesAfterAFailure(Supplier<JobRunner> runner) {
        TrackedResource tracked = new TrackedResource();
        Report report = runner.get().start(tracked.job(3, index -> {
            if (index == 1) {
                throw new IllegalStateException("step 1 breaks");
            }
            return index;
        })).await();
        assertThat(report.ending()).as("ending").isEqualTo(Ending.FAILED);
        return tracked.released();
    }

    private static int releasesAfterAFullRun(Supplier<JobRunner> runner) {
        TrackedResource tracked = new TrackedResource();
        assertThat(runner.get().start(tracked.job(3, index -> index)).await()).as("report").isEqualTo(Report.completed(3));
        return tracked.released();
    }

    @Test
    @Hint("Release in a finally, on every path: a cancel and a failure leave the loop early, and skip whatever follows it.")
    void aReleaseOnlyOnTheHappyPathLeaksTheResourceOnCancelAndOnFailure() throws Exception {
        assertThat(releasesAfterACancel(LeakyReleaseRunner::new)).as("releases after a cancel").isZero();
        assertThat(releasesAfterAFailure(LeakyReleaseRunner::new)).as("releases after a failing step").isZero();
        assertThat(releasesAfterAFullRun(LeakyReleaseRunner::new)).as("releases after a full run").isEqualTo(1);
    }

    @Test
    void theSameJobsThroughPlatformThreadRunnerReleaseOnceOnEveryPath() throws Exception {
        assertThat(releasesAfterACancel(PlatformThreadRunner::new)).as("releases after a cancel").isEqualTo(1);
        assertThat(releasesAfterAFailure(PlatformThreadRunner::new)).as("releases after a failing step").isEqualTo(1);
        assertThat(releasesAfterAFullRun(PlatformThreadRunner::new)).as("releases after a full run").isEqualTo(1);
    }
}
