package labs.level03_message_passing.lab05_work_queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import labs.support.Hint;
import labs.support.Watch;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The lab05 failure themes on the shipped reactive core — {@link ReactorWorkQueue#create} on
 * {@code VirtualTimeScheduler.get()} inside {@code StepVerifier.withVirtualTime}, and
 * {@link RxJavaWorkQueue#create} on a {@code TestScheduler} — with jobs that "take" their time on
 * the virtual clock before their callable runs: a day of waiting costs milliseconds and gives the
 * same result on every run. The queue's own sink, admission count, stop flag and shutdowns run here.
 * A verifier waits for a signal without moving the clock, so each is verified within
 * {@link Watch#BOUND} of real time: a signal that never comes fails there, as a timeout.
 */
class ReactiveWorkQueueInVirtualTimeTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    /** A job whose callable returns its id. */
    private static Job job(int id) {
        return new Job(id, () -> (long) id);
    }

    /** The Reactor core on the installed virtual clock: each job works {@code time}, then its callable runs. */
    private static ReactorWorkQueue reactorQueue(int workers, int capacity, Duration time) {
        VirtualTimeScheduler clock = VirtualTimeScheduler.get();
        return ReactorWorkQueue.create(workers, capacity, clock, job -> Mono.delay(time, clock).then(Mono.fromCallable(job.body())));
    }

    /** The RxJava core on {@code clock}: each job works {@code seconds}, then its callable runs. */
    private static RxJavaWorkQueue rxJavaQueue(TestScheduler clock, int workers, int capacity, long seconds) {
        return RxJavaWorkQueue.create(workers, capacity, clock, job -> Single.timer(seconds, TimeUnit.SECONDS, clock).map(tick -> job.body().call()));
    }

    /** Submits jobs {@code next}, {@code next + 1}, … {@code count} times; returns how many were accepted. */
    private static int submitAll(WorkQueue queue, AtomicInteger next, int count) {
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            if (queue.submit(job(next.getAndIncrement()))) {
                accepted++;
            }
        }
        return accepted;
    }

    @Test
    @Hint("Workers wait for jobs until the producer says there are none left: without drain() (or stop()) the results never complete.")
    void aQueueNeverShutDownKeepsItsWorkersWaitingForADayAndStillTakesWork() {
        AtomicReference<ReactorWorkQueue> queue = new AtomicReference<>();

        StepVerifier.withVirtualTime(() -> {
                    queue.set(reactorQueue(2, 4, SECOND));
                    queue.get().submit(job(1));
                    queue.get().submit(job(2));
                    return queue.get().results().map(JobResult::jobId);
                })
                .expectSubscription()
                .expectNoEvent(SECOND)
                .expectNext(1, 2)
                .expectNoEvent(Duration.ofDays(1)) // all work done, yet no onComplete: the workers wait for more
                .then(() -> assertThat(queue.get().submit(job(3))).as("a job submitted a day later accepted").isTrue())
                .expectNoEvent(SECOND)
                .expectNext(3)                     // a worker was still there to run it
                .then(() -> queue.get().drain().subscribe()) // the fix: say "no more work"
                .expectComplete()
                .verify(Watch.BOUND);
    }

    @Test
    @Hint("Workers wait for jobs until the producer says there are none left: without drain() (or stop()) the results never complete.")
    void rxJavaQueueNeverShutDownKeepsItsWorkersWaitingForADayAndStillTakesWork() {
        TestScheduler clock = new TestScheduler();
        RxJavaWorkQueue queue = rxJavaQueue(clock, 2, 4, 1);
        TestSubscriber<Integer> results = queue.results().map(JobResult::jobId).test();
        queue.submit(job(1));
        queue.submit(job(2));

        clock.advanceTimeBy(1, TimeUnit.DAYS);
        results.assertValues(1, 2).assertNotComplete();
        assertThat(queue.submit(job(3))).as("a job submitted a day later accepted").isTrue();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        results.assertValues(1, 2, 3).assertNotComplete();

        TestObserver<Report> report = queue.drain().test(); // the fix
        results.assertComplete();
        report.assertValue(r -> r.finished().size() == 3 && r.notRun().isEmpty());
    }

    @Test
    @Hint("drain() completes the sink: the jobs already queued still run, and the results complete after the last of them.")
    void drainingCompletesTheResultsRightAfterTheLastJob() {
        List<Report> reports = new CopyOnWriteArrayList<>();

        StepVerifier.withVirtualTime(() -> {
                    ReactorWorkQueue queue = reactorQueue(2, 4, SECOND);
                    queue.submit(job(1));
                    queue.submit(job(2));
                    queue.submit(job(3));
                    queue.drain().subscribe(reports::add); // the poison pill, reactive style: sent before anything ran
                    return queue.results().map(JobResult::jobId);
                })
                .expectSubscription()
                .expectNoEvent(SECOND)
                .expectNext(1, 2)
                .expectNoEvent(SECOND)
                .expectNext(3)
                .expectComplete()
                .verify(Watch.BOUND);

        assertThat(reports).as("reports of the drain").singleElement().satisfies(report -> {
            assertThat(report.finished()).extracting(JobResult::jobId).as("finished").containsExactly(1, 2, 3);
            assertThat(report.notRun()).as("handed back").isEmpty();
        });
    }

    /**
     * Guards against the unbounded-buffer "fix": with the workers stalled (an hour per job), a queue
     * of 2 workers and capacity 3 accepts exactly 5 jobs of 1000, then one more per finished job.
     * Without the admission count (an unbounded sink buffer alone) all 1000 are accepted at t = 0.
     */
    @Test
    @Hint("The capacity must bound what is accepted while the workers are stuck; every job beyond it is refused, not buffered.")
    void aFullQueueRefusesWhileItsWorkersAreStalledSoNoMoreThanWorkersPlusCapacityAreUnfinished() {
        AtomicReference<ReactorWorkQueue> queue = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> {
                    queue.set(reactorQueue(2, 3, Duration.ofHours(1)));
                    return queue.get().results();
                })
                .expectSubscription()
                .then(() -> accepted.addAndGet(submitAll(queue.get(), next, 1000)))
                .then(() -> assertThat(accepted.get()).as("jobs of 1000 accepted at t = 0 by 2 stalled workers and capacity 3").isEqualTo(5))
                .thenAwait(Duration.ofHours(1))
                .expectNextCount(2)
                .then(() -> accepted.addAndGet(submitAll(queue.get(), next, 1000)))
                .then(() -> assertThat(accepted.get()).as("jobs accepted by t = 1 h: one more per finished job").isEqualTo(7))
                .thenCancel()
                .verify(Watch.BOUND);
    }

    /** The same guard on RxJava, where a job handed to the scheduler but not yet started still counts. */
    @Test
    @Hint("The capacity must bound what is accepted while the workers are stuck; a job counts against it until a worker starts it.")
    void rxJavaFullQueueRefusesWhileItsWorkersAreStalledToo() {
        TestScheduler clock = new TestScheduler();
        RxJavaWorkQueue queue = rxJavaQueue(clock, 2, 3, 3600);
        TestSubscriber<JobResult> results = queue.results().test();
        AtomicInteger next = new AtomicInteger();

        assertThat(submitAll(queue, next, 1000)).as("jobs accepted before any worker has started one").isEqualTo(3);
        clock.triggerActions(); // the two workers start jobs 0 and 1: room for two more
        assertThat(submitAll(queue, next, 1000)).as("jobs accepted once both workers have started").isEqualTo(2);
        clock.advanceTimeBy(1, TimeUnit.HOURS);
        results.assertValueCount(2);
        assertThat(submitAll(queue, next, 1000)).as("jobs accepted after two finished").isEqualTo(2);
        results.cancel();
    }

    @Test
    @Hint("Settle a job's exception where the job runs (onErrorResume), so it becomes a result instead of the stream's error.")
    void aFailingJobBecomesAFailedResultAndTheOtherJobsStillRun() {
        StepVerifier.withVirtualTime(() -> {
                    ReactorWorkQueue queue = reactorQueue(2, 4, SECOND);
                    queue.submit(job(0));
                    queue.submit(new Job(1, () -> {
                        throw new IllegalStateException("job 1 breaks");
                    }));
                    queue.submit(job(2));
                    queue.submit(job(3));
                    queue.drain().subscribe();
                    return queue.results();
                })
                .expectSubscription()
                .expectNoEvent(SECOND)
                .assertNext(r -> assertThat(r.succeeded()).as("job 0 succeeded: %s", r).isTrue())
                .assertNext(r -> assertThat(r.result().error()).as("job 1's failure").hasMessage("job 1 breaks"))
                .expectNoEvent(SECOND)
                .expectNextCount(2)
                .expectComplete()
                .verify(Watch.BOUND);
    }

    @Test
    @Hint("Settle a job's exception where the job runs (onErrorReturn / onErrorResumeNext), so it becomes a result instead of the stream's error.")
    void rxJavaFailingJobBecomesAFailedResultAndTheOthersStillRun() {
        TestScheduler clock = new TestScheduler();
        RxJavaWorkQueue queue = rxJavaQueue(clock, 2, 4, 1);
        TestSubscriber<JobResult> results = queue.results().test();
        queue.submit(job(0));
        queue.submit(new Job(1, () -> {
            throw new IllegalStateException("job 1 breaks");
        }));
        queue.submit(job(2));
        queue.submit(job(3));
        TestObserver<Report> report = queue.drain().test();

        clock.advanceTimeBy(2, TimeUnit.SECONDS);

        results.assertValueCount(4).assertComplete();
        assertThat(results.values()).filteredOn(r -> !r.succeeded()).extracting(JobResult::jobId).as("failed jobs").containsExactly(1);
        report.assertValue(r -> r.failedCount() == 1);
    }

    /**
     * Partial shutdown: {@code stop()} at 2.5 s with ten 1 s jobs on 2 workers. Jobs 4 and 5,
     * running since 2 s, finish at 3 s; jobs 6-9 are handed back, never started; the report comes
     * right after the running jobs.
     */
    @Test
    @Hint("stop() must not start a queued job: check a stop flag right before a job starts, and put the job in notRun.")
    void stoppingNowLetsTheRunningJobsFinishStartsNoOtherAndHandsTheRestBack() {
        AtomicInteger started = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> {
                    VirtualTimeScheduler clock = VirtualTimeScheduler.get();
                    ReactorWorkQueue queue = ReactorWorkQueue.create(2, 10, clock, job -> {
                        started.incrementAndGet();
                        return Mono.delay(SECOND, clock).then(Mono.fromCallable(job.body()));
                    });
                    queue.results().subscribe();
                    for (int id = 0; id < 10; id++) {
                        assertThat(queue.submit(job(id))).as("job %d accepted", id).isTrue();
                    }
                    return Mono.delay(Duration.ofMillis(2500), clock).then(queue.stop());
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(3))
                .assertNext(report -> {
                    assertThat(report.finished()).extracting(JobResult::jobId).as("finished").containsExactly(0, 1, 2, 3, 4, 5);
                    assertThat(report.notRun()).extracting(Job::id).as("handed back").containsExactly(6, 7, 8, 9);
                })
                .expectComplete()
                .verify(Watch.BOUND);

        assertThat(started.get()).as("jobs started").isEqualTo(6);
    }

    @Test
    @Hint("stop() must not start a queued job: check a stop flag right before a job starts, and put the job in notRun.")
    void rxJavaStoppingNowLetsTheRunningJobsFinishStartsNoOtherAndHandsTheRestBack() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger started = new AtomicInteger();
        RxJavaWorkQueue queue = RxJavaWorkQueue.create(2, 10, clock, job -> {
            started.incrementAndGet();
            return Single.timer(1, TimeUnit.SECONDS, clock).map(tick -> job.body().call());
        });
        TestSubscriber<Integer> results = queue.results().map(JobResult::jobId).test();
        for (int id = 0; id < 10; id++) {
            assertThat(queue.submit(job(id))).as("job %d accepted (no worker has started one yet)", id).isTrue();
        }
        TestObserver<Report> report = Single.timer(2500, TimeUnit.MILLISECONDS, clock).flatMap(tick -> queue.stop()).test();

        clock.advanceTimeBy(2500, TimeUnit.MILLISECONDS);
        results.assertValues(0, 1, 2, 3).assertNotComplete();
        report.assertNoValues();
        clock.advanceTimeBy(500, TimeUnit.MILLISECONDS);
        results.assertValues(0, 1, 2, 3, 4, 5).assertComplete();
        report.assertValue(r -> r.notRun().stream().map(Job::id).toList().equals(List.of(6, 7, 8, 9)));
        assertThat(started.get()).as("jobs started").isEqualTo(6);
    }
}
