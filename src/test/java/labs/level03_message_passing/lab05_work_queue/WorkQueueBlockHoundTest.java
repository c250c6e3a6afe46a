package labs.level03_message_passing.lab05_work_queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A blocking job on a non-blocking scheduler is a bug BlockHound must catch. Its
 * {@link BlockingOperationError} is an {@link Error}, not the job's failure: the queue does not
 * settle it into a result; its stream ends, and the shutdown rethrows it as it is. Each pair runs
 * the same core with the same job; only the scheduler the core is given differs.
 */
class WorkQueueBlockHoundTest {

    private static Job sleepingJob(int id) {
        return new Job(id, () -> {
            Thread.sleep(1); // the blocking call under test
            return 1L;
        });
    }

    private static Report drainOn(Scheduler scheduler) {
        ReactorWorkQueue queue = ReactorWorkQueue.create(1, 4, scheduler);
        queue.results().subscribe(result -> { }, failure -> { }); // the shutdown reports a failure
        queue.submit(sleepingJob(1));
        return queue.shutdownGracefully();
    }

    private static Report drainOn(io.reactivex.rxjava3.core.Scheduler scheduler) {
        RxJavaWorkQueue queue = RxJavaWorkQueue.create(1, 4, scheduler);
        queue.results().subscribe(result -> { }, failure -> { });
        queue.submit(sleepingJob(1));
        return queue.shutdownGracefully();
    }

    @Test
    @Hint("Blocking work belongs on a scheduler that allows it; on parallel() BlockHound throws an Error, and an Error is never a job's result.")
    void aSleepingJobOnReactorParallelIsABlockingOperationErrorThatTheShutdownRethrows() {
        assertThatThrownBy(() -> drainOn(Schedulers.parallel()))
                .isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!");
    }

    /** The control: the same job, the same core, on boundedElastic(), where blocking is allowed. */
    @Test
    void theSameJobOnReactorBoundedElasticSucceeds() {
        assertThat(drainOn(Schedulers.boundedElastic()).finished()).as("results").singleElement()
                .satisfies(r -> assertThat(r.succeeded()).as("%s", r).isTrue());
    }

    @Test
    @Hint("Blocking work belongs on a scheduler that allows it; on computation() BlockHound throws an Error, and an Error is never a job's result.")
    void aSleepingJobOnRxJavaComputationIsABlockingOperationErrorThatTheShutdownRethrows() {
        assertThatThrownBy(() -> drainOn(io.reactivex.rxjava3.schedulers.Schedulers.computation()))
                .isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!");
    }

    /** The control: the same job, the same core, on io(), where blocking is allowed. */
    @Test
    void theSameJobOnRxJavaIoSucceeds() {
        assertThat(drainOn(io.reactivex.rxjava3.schedulers.Schedulers.io()).finished()).as("results").singleElement()
                .satisfies(r -> assertThat(r.succeeded()).as("%s", r).isTrue());
    }
}
