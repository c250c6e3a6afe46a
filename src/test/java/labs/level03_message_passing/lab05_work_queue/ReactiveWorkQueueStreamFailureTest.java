package labs.level03_message_passing.lab05_work_queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * When the reactive queue itself fails — not a job (a job's exception is a failed result) but its
 * job stream: a {@code work} function that throws, a scheduler that refuses the job, the one
 * {@code results()} subscriber gone. The queue then takes no more work, and its shutdown fails with
 * {@link WorkQueueFailedException}: what had settled, and how many accepted jobs were lost.
 */
class ReactiveWorkQueueStreamFailureTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private static Job job(int id) {
        return new Job(id, () -> (long) id);
    }

    /** Job 2 cannot even be turned into a publisher: the queue is broken, not the job. */
    private static IllegalStateException noPublisherFor(Job job) {
        return new IllegalStateException("no publisher for job " + job.id());
    }

    @Test
    @Hint("A failure of the stream itself must not vanish: the shutdown reports it, with what settled and how many accepted jobs were lost.")
    void aWorkFunctionThatThrowsFailsTheStreamAndTheShutdownReportsWhatSettledAndWhatWasLost() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        try {
            ReactorWorkQueue queue = ReactorWorkQueue.create(1, 4, clock, job -> {
                if (job.id() == 2) {
                    throw noPublisherFor(job);
                }
                return Mono.delay(SECOND, clock).then(Mono.fromCallable(job.body()));
            });
            queue.results().subscribe(result -> { }, failure -> { });
            queue.submit(job(1));
            queue.submit(job(2));
            queue.submit(job(3));

            clock.advanceTimeBy(SECOND); // job 1 settles; job 2 is handed over, and the stream fails

            assertThatThrownBy(() -> queue.submit(job(4)))
                    .hasMessage("work queue 'reactor' has failed (its shutdown reports why): job 4 rejected");
            assertThatThrownBy(queue::shutdownGracefully)
                    .isInstanceOfSatisfying(WorkQueueFailedException.class, e -> {
                        assertThat(e.partialReport().finished()).extracting(JobResult::jobId).as("settled before the failure").containsExactly(1);
                        assertThat(e.lost()).as("accepted jobs lost").isEqualTo(2);
                    })
                    .hasMessage("work queue 'reactor' failed: java.lang.IllegalStateException: no publisher for job 2; 1 finished, 0 not run, 2 of 3 accepted lost");
        } finally {
            clock.dispose();
        }
    }

    /** The RxJava queue's stream-error path: the same broken work function, on a TestScheduler. */
    @Test
    @Hint("A failure of the stream itself must not vanish: the shutdown reports it, with what settled and how many accepted jobs were lost.")
    void rxJavaWorkFunctionThatThrowsFailsTheStreamAndTheShutdownReportsWhatSettledAndWhatWasLost() {
        TestScheduler clock = new TestScheduler();
        RxJavaWorkQueue queue = RxJavaWorkQueue.create(1, 4, clock, job -> {
            if (job.id() == 2) {
                throw noPublisherFor(job);
            }
            return Single.timer(1, TimeUnit.SECONDS, clock).map(tick -> job.body().call());
        });
        TestSubscriber<JobResult> results = queue.results().test();
        queue.submit(job(1));
        queue.submit(job(2));
        queue.submit(job(3));

        clock.advanceTimeBy(1, TimeUnit.SECONDS);

        results.assertValueCount(1).assertError(IllegalStateException.class);
        assertThatThrownBy(() -> queue.submit(job(4)))
                .hasMessage("work queue 'rxjava' has failed (its shutdown reports why): job 4 rejected");
        assertThatThrownBy(queue::shutdownGracefully)
                .isInstanceOfSatisfying(WorkQueueFailedException.class, e -> assertThat(e.lost()).as("accepted jobs lost").isEqualTo(2))
                .hasMessage("work queue 'rxjava' failed: java.lang.IllegalStateException: no publisher for job 2; 1 finished, 0 not run, 2 of 3 accepted lost");
    }

    /** The job stream fails because its scheduler is already disposed and rejects the job. */
    @Test
    @Hint("A scheduler that refuses work fails the stream: the shutdown must say so, not hang and not pretend the job ran.")
    void aSchedulerThatRejectsTheJobFailsTheStreamAndTheShutdownSaysSo() {
        Scheduler disposed = Schedulers.newSingle("lab05-disposed");
        disposed.dispose();
        ReactorWorkQueue queue = ReactorWorkQueue.create(1, 4, disposed);
        queue.results().subscribe(result -> { }, failure -> { });
        assertThat(queue.submit(job(1))).as("job 1 accepted").isTrue();

        assertThatThrownBy(queue::shutdownGracefully)
                .isInstanceOfSatisfying(WorkQueueFailedException.class, e -> {
                    assertThat(e.lost()).as("accepted jobs lost").isEqualTo(1);
                    assertThat(e.partialReport().finished()).as("settled").isEmpty();
                })
                .hasMessageStartingWith("work queue 'reactor' failed: ")
                .hasMessageEndingWith("0 finished, 0 not run, 1 of 1 accepted lost");
    }

    /** Cancelling results() abandons the queue: its shutdown must not wait for ever, nor pretend the jobs ran. */
    @Test
    @Hint("results() is the workers: cancelling it abandons the queue, and the jobs it held are lost — the shutdown must count them.")
    void cancellingTheResultsAbandonsTheQueueAndItsShutdownCountsTheJobsLost() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        try {
            ReactorWorkQueue queue = ReactorWorkQueue.create(1, 4, clock, job -> Mono.delay(Duration.ofHours(1), clock).then(Mono.fromCallable(job.body())));
            Disposable results = queue.results().subscribe();
            queue.submit(job(1));
            queue.submit(job(2));

            results.dispose(); // job 1 was running: cancelled; job 2 was queued: dropped with the sink

            assertThatThrownBy(() -> queue.submit(job(3)))
                    .hasMessage("work queue 'reactor' has failed (its shutdown reports why): job 3 rejected");
            assertThatThrownBy(queue::shutdownGracefully)
                    .isInstanceOfSatisfying(WorkQueueFailedException.class, e -> assertThat(e.lost()).as("accepted jobs lost").isEqualTo(2))
                    .hasMessageContaining("results() was cancelled: the queue was abandoned");
        } finally {
            clock.dispose();
        }
    }

    @Test
    @Hint("results() runs the workers, so there is one subscriber: a second one is told so, and the first is not disturbed.")
    void aSecondResultsSubscriberIsRefusedAndTheFirstKeepsTheQueue() {
        TestScheduler clock = new TestScheduler();
        RxJavaWorkQueue queue = RxJavaWorkQueue.create(1, 4, clock, job -> Single.timer(1, TimeUnit.SECONDS, clock).map(tick -> job.body().call()));
        TestSubscriber<JobResult> first = queue.results().test();

        queue.results().test().assertError(e -> e.getMessage().equals("work queue 'rxjava' already has its results() subscriber: it runs the workers"));
        queue.submit(job(1));
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        first.assertValueCount(1).assertNotComplete();
        assertThat(queue.drain().blockingGet().finished()).extracting(JobResult::jobId).as("finished").containsExactly(1);
        first.assertComplete();
    }
}
