package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The reactive runners subscribe on their scheduler, so a cancel can come before the subscription
 * has even started there. Staged deterministically with a scheduler whose executor only queues
 * what it is given: nothing runs until the test says so. The cancel must still return, with nothing
 * acquired, no step run, and the queued subscription harmless when it finally runs.
 */
class CancelBeforeTheJobRunsTest {

    /** An executor that runs nothing until {@link #runAll()}. */
    private static final class Held implements java.util.concurrent.Executor {
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
        }
    }

    @Test
    @Hint("A cancel that arrives before the subscription reached the scheduler never passes through operators placed before subscribeOn: hook what must see every ending after it.")
    void aReactorJobCancelledBeforeItsSubscriptionRanReturnsAndNeverStarts() {
        Held executor = new Held();
        Scheduler queued = Schedulers.fromExecutor(executor);
        try {
            TrackedResource tracked = new TrackedResource();
            RunningJob job = new ReactorJobRunner(queued).start(tracked.job(3, index -> index));

            assertThat(job.cancel()).as("report").isEqualTo(Report.cancelled(0));
            executor.runAll(); // the queued subscription, after the cancel

            assertThat(tracked.acquired()).as("acquires").isZero();
            assertThat(tracked.started()).as("steps started").isEmpty();
        } finally {
            queued.dispose();
        }
    }

    @Test
    void anRxJavaJobCancelledBeforeItsSubscriptionRanReturnsAndNeverStarts() {
        Held executor = new Held();
        TrackedResource tracked = new TrackedResource();
        RunningJob job = new RxJavaJobRunner(io.reactivex.rxjava3.schedulers.Schedulers.from(executor)).start(tracked.job(3, index -> index));

        assertThat(job.cancel()).as("report").isEqualTo(Report.cancelled(0));
        executor.runAll();

        assertThat(tracked.acquired()).as("acquires").isZero();
        assertThat(tracked.started()).as("steps started").isEmpty();
    }
}
