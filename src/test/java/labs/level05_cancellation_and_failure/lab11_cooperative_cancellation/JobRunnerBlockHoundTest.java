package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.scheduler.Schedulers;

/**
 * A step that blocks, on a scheduler meant for non-blocking work, is caught by BlockHound; each
 * control runs the very same job through the very same class, changing only the scheduler. The
 * {@link BlockingOperationError} is an {@link Error}: {@code await()} rethrows it as it is, never as
 * the job's failure. And the runners' own machinery — the edge's callbacks, {@link HeldResource},
 * {@link JobEnding}, the cleanup — runs on those threads without ever parking.
 */
class JobRunnerBlockHoundTest {

    private static Job sleepingJob(TrackedResource tracked) {
        return tracked.job(2, index -> {
            Thread.sleep(1); // the blocking call under test
            return index;
        });
    }

    @Test
    @Hint("A step that blocks belongs on a scheduler made for blocking (boundedElastic, io); parallel() and computation() are not.")
    void aSleepingStepOnReactorParallelFailsTheJobWithBlockingOperationError() {
        TrackedResource tracked = new TrackedResource();

        assertThatThrownBy(() -> new ReactorJobRunner(Schedulers.parallel()).start(sleepingJob(tracked)).await())
                .as("what await() threw for a sleeping step on parallel()").isInstanceOf(BlockingOperationError.class);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    @Test
    void theSameSleepingStepOnReactorBoundedElasticIsAllowed() {
        assertThat(new ReactorJobRunner(Schedulers.boundedElastic()).start(sleepingJob(new TrackedResource())).await())
                .as("report on boundedElastic()").isEqualTo(Report.completed(2));
    }

    @Test
    @Hint("A step that blocks belongs on a scheduler made for blocking (boundedElastic, io); parallel() and computation() are not.")
    void aSleepingStepOnRxJavaComputationFailsTheJobWithBlockingOperationError() {
        TrackedResource tracked = new TrackedResource();

        assertThatThrownBy(() -> new RxJavaJobRunner(io.reactivex.rxjava3.schedulers.Schedulers.computation()).start(sleepingJob(tracked)).await())
                .as("what await() threw for a sleeping step on computation()").isInstanceOf(BlockingOperationError.class);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    @Test
    void theSameSleepingStepOnRxJavaIoIsAllowed() {
        assertThat(new RxJavaJobRunner(io.reactivex.rxjava3.schedulers.Schedulers.io()).start(sleepingJob(new TrackedResource())).await())
                .as("report on io()").isEqualTo(Report.completed(2));
    }

    /** Steps that never block, on the non-blocking schedulers: whatever parks now is the runner's own code. */
    @Test
    @Hint("Your edge's callbacks run on the scheduler's threads: no lock, no wait, no logging there — only atomics and countDown.")
    void theRunnersOwnCodeNeverParksOnANonBlockingThread() {
        for (JobRunner runner : new JobRunner[] {new ReactorJobRunner(Schedulers.parallel()),
                new RxJavaJobRunner(io.reactivex.rxjava3.schedulers.Schedulers.computation())}) {
            for (int job = 0; job < 20; job++) {
                TrackedResource tracked = new TrackedResource();
                RunningJob running = runner.start(tracked.job(50, index -> index));
                Report report = job % 2 == 0 ? running.await() : running.cancel();
                assertThat(report.ending()).as(runner.name() + ": ending of job " + job).isIn(Ending.COMPLETED, Ending.CANCELLED);
                assertThat(tracked.released()).as(runner.name() + ": releases (one per acquire) of job " + job).isEqualTo(tracked.acquired());
            }
        }
    }
}
