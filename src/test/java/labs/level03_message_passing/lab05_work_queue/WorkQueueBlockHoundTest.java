package labs.level03_message_passing.lab05_work_queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.scheduler.Schedulers;

/**
 * A blocking job on a non-blocking scheduler is a bug BlockHound must catch — and the work queue
 * must report it as that job's failure and carry on, like any other failing job.
 */
class WorkQueueBlockHoundTest {

    private static Job sleepingJob(int id) {
        return new Job(id, () -> {
            Thread.sleep(1); // the deliberate blocking call under test
            return 1L;
        });
    }

    @Test
    void aSleepingJobOnReactorParallelFailsWithBlockingOperationErrorAndTheNextJobStillRuns() {
        ReactorWorkQueue queue = new ReactorWorkQueue(1, 4, Schedulers.parallel());
        queue.submit(sleepingJob(1));
        queue.submit(new Job(2, () -> 2L));

        Report report = queue.shutdownGracefully();

        assertThat(report.finished()).extracting(JobResult::jobId).containsExactly(1, 2);
        assertThat(Exceptions.unwrap(report.finished().get(0).failure())).isInstanceOf(BlockingOperationError.class)
                .hasMessageContaining("Blocking call!");
        assertThat(report.finished().get(1).succeeded()).isTrue();
    }

    @Test
    void aSleepingJobOnRxJavaComputationFailsWithBlockingOperationErrorToo() {
        RxJavaWorkQueue queue = new RxJavaWorkQueue(1, 4, io.reactivex.rxjava3.schedulers.Schedulers.computation());
        queue.submit(sleepingJob(1));

        Report report = queue.shutdownGracefully();

        assertThat(report.finished()).singleElement()
                .satisfies(r -> assertThat(Exceptions.unwrap(r.failure())).isInstanceOf(BlockingOperationError.class));
    }

    /**
     * The control: on the queue's own pool blocking is allowed, so the same job succeeds. It would
     * pass with BlockHound off too; the two tests above are the ones that require a
     * BlockingOperationError (and {@code BlockHoundIsActiveTest} checks BlockHound is installed).
     */
    @Test
    void theSameJobOnTheQueuesOwnPoolSucceeds() {
        ReactorWorkQueue queue = new ReactorWorkQueue(1, 4);
        queue.submit(sleepingJob(1));

        assertThat(queue.shutdownGracefully().finished()).singleElement().satisfies(r -> assertThat(r.succeeded()).isTrue());
    }
}
