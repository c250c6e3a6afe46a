package labs.level03_message_passing.lab05_work_queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.processors.UnicastProcessor;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * The lab05 failure themes on the reactive shape ({@code workOff} = {@code flatMap(worker, N)}),
 * with jobs that "take" their time on a virtual clock: a day of waiting costs milliseconds and
 * gives the same result on every run.
 */
class ReactiveWorkQueueInVirtualTimeTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private static Mono<Integer> oneSecondJob(int id) {
        return Mono.delay(SECOND).thenReturn(id);
    }

    @Test
    void aProducerThatNeverCompletesKeepsTheWorkStreamAndItsSubscriptionAliveForADay() {
        Sinks.Many<Integer> producer = Sinks.many().unicast().onBackpressureBuffer();

        StepVerifier.withVirtualTime(() -> ReactorWorkQueue.workOff(producer.asFlux(), ReactiveWorkQueueInVirtualTimeTest::oneSecondJob, 2))
                .expectSubscription()
                .then(() -> {
                    producer.tryEmitNext(1).orThrow();
                    producer.tryEmitNext(2).orThrow();
                })
                .expectNoEvent(SECOND)
                .expectNext(1, 2)
                .expectNoEvent(Duration.ofDays(1)) // all work done, yet no onComplete: the workers wait
                .then(() -> assertThat(producer.currentSubscriberCount()).as("still subscribed after a day").isOne())
                .thenCancel()
                .verify();
    }

    @Test
    void completingTheProducerEndsTheWorkStreamRightAfterTheLastJob() {
        Sinks.Many<Integer> producer = Sinks.many().unicast().onBackpressureBuffer();

        StepVerifier.withVirtualTime(() -> ReactorWorkQueue.workOff(producer.asFlux(), ReactiveWorkQueueInVirtualTimeTest::oneSecondJob, 2))
                .expectSubscription()
                .then(() -> {
                    producer.tryEmitNext(1).orThrow();
                    producer.tryEmitNext(2).orThrow();
                    producer.tryEmitNext(3).orThrow();
                    producer.tryEmitComplete().orThrow(); // the poison pill, reactive style
                })
                .expectNoEvent(SECOND)
                .expectNext(1, 2)
                .expectNoEvent(SECOND)
                .expectNext(3)
                .expectComplete()
                .verify();
        assertThat(producer.currentSubscriberCount()).isZero();
    }

    /** Slow workers pace the producer: it is asked for one job per finished job, never more than N ahead. */
    @Test
    void slowWorkersPaceTheProducerSoItHasProducedOnlyWorkersPlusFinishedJobs() {
        AtomicInteger produced = new AtomicInteger();
        List<Long> requests = new CopyOnWriteArrayList<>();

        StepVerifier.withVirtualTime(() -> ReactorWorkQueue.workOff(
                                Flux.range(0, 1000).doOnRequest(requests::add).doOnNext(id -> produced.incrementAndGet()),
                                id -> Mono.delay(Duration.ofSeconds(10)).thenReturn(id), 2))
                .expectSubscription()
                .then(() -> assertThat(produced.get()).as("produced at t=0").isEqualTo(2))
                .thenAwait(Duration.ofSeconds(10))
                .expectNextCount(2)
                .then(() -> assertThat(produced.get()).as("produced at t=10 s").isEqualTo(4))
                .thenAwait(Duration.ofSeconds(100))
                .expectNextCount(20)
                .then(() -> assertThat(produced.get()).as("produced at t=110 s").isEqualTo(24))
                .then(() -> assertThat(requests).as("demand sent to the producer").allSatisfy(n -> assertThat(n).isBetween(1L, 2L)))
                .thenCancel()
                .verify();
    }

    /** Guards against the unbounded-buffer "fix": with a buffer in front, the producer races ahead. */
    @Test
    void anUnboundedBufferInFrontOfTheWorkersLetsTheProducerRunAheadOfThem() {
        AtomicInteger produced = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> ReactorWorkQueue.workOff(
                        Flux.range(0, 1000).doOnNext(id -> produced.incrementAndGet()).onBackpressureBuffer(),
                        id -> Mono.delay(Duration.ofSeconds(10)).thenReturn(id), 2))
                .expectSubscription()
                .then(() -> assertThat(produced.get()).as("everything produced at t=0, nothing run").isEqualTo(1000))
                .thenCancel()
                .verify();
    }

    @Test
    void aFailingJobBecomesAFailedResultAndTheOtherJobsStillRun() {
        StepVerifier.withVirtualTime(() -> ReactorWorkQueue.workOff(Flux.range(0, 4),
                        id -> ReactorWorkQueue.settle(id, id == 1
                                ? Mono.delay(SECOND).then(Mono.<Long>error(new IllegalStateException("job 1 breaks")))
                                : Mono.delay(SECOND).thenReturn((long) id)), 2))
                .expectSubscription()
                .expectNoEvent(SECOND)
                .assertNext(r -> assertThat(r.succeeded()).isTrue())
                .assertNext(r -> assertThat(r.failure()).hasMessage("job 1 breaks"))
                .expectNoEvent(SECOND)
                .expectNextCount(2)
                .expectComplete()
                .verify();
    }

    /**
     * Partial shutdown, reactive style: "stop now" cancels the job source and completes; jobs already
     * running finish, jobs not yet taken are never started. Ten 1 s jobs on 2 workers, stop at 2.5 s.
     */
    @Test
    void stoppingNowLetsTheRunningJobsFinishAndStartsNoOther() {
        AtomicInteger taken = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> ReactorWorkQueue.workOff(
                        Flux.range(0, 10).doOnNext(id -> taken.incrementAndGet())
                                .takeUntilOther(Mono.delay(Duration.ofMillis(2500))), // the stop signal
                        ReactiveWorkQueueInVirtualTimeTest::oneSecondJob, 2))
                .expectSubscription()
                .expectNoEvent(SECOND).expectNext(0, 1)
                .expectNoEvent(SECOND).expectNext(2, 3)
                .expectNoEvent(SECOND).expectNext(4, 5) // started at 2 s, before the stop: they finish
                .expectComplete()                      // at 3 s, right after them
                .verify();

        assertThat(taken.get()).as("jobs taken from the queue; 6-9 stay there, to be handed back").isEqualTo(6);
    }

    @Test
    void rxJavaStoppingNowLetsTheRunningJobsFinishAndStartsNoOther() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger taken = new AtomicInteger();
        TestSubscriber<Integer> results = RxJavaWorkQueue.workOff(
                Flowable.range(0, 10).doOnNext(id -> taken.incrementAndGet())
                        .takeUntil(Flowable.timer(2500, TimeUnit.MILLISECONDS, clock)),
                id -> Single.timer(1, TimeUnit.SECONDS, clock).map(t -> id).toMaybe(), 2).test();

        clock.advanceTimeBy(2500, TimeUnit.MILLISECONDS);
        results.assertValues(0, 1, 2, 3).assertNotComplete();
        clock.advanceTimeBy(500, TimeUnit.MILLISECONDS);
        results.assertValues(0, 1, 2, 3, 4, 5).assertComplete();
        assertThat(taken.get()).isEqualTo(6);
    }

    @Test
    void rxJavaProducerThatNeverCompletesKeepsTheWorkStreamAliveForADay() {
        TestScheduler clock = new TestScheduler();
        UnicastProcessor<Integer> producer = UnicastProcessor.create();
        TestSubscriber<Integer> results = RxJavaWorkQueue.workOff(producer,
                id -> Single.timer(1, TimeUnit.SECONDS, clock).map(t -> id).toMaybe(), 2).test();

        producer.onNext(1);
        producer.onNext(2);
        clock.advanceTimeBy(1, TimeUnit.DAYS);

        results.assertValues(1, 2).assertNotComplete();
        assertThat(producer.hasSubscribers()).as("still subscribed after a day").isTrue();
        producer.onComplete(); // the fix
        results.assertComplete();
        assertThat(producer.hasSubscribers()).isFalse();
    }

    @Test
    void rxJavaSlowWorkersPaceTheProducerToo() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger produced = new AtomicInteger();
        TestSubscriber<Integer> results = RxJavaWorkQueue.workOff(Flowable.range(0, 1000).doOnNext(id -> produced.incrementAndGet()),
                id -> Single.timer(10, TimeUnit.SECONDS, clock).map(t -> id).toMaybe(), 2).test();

        assertThat(produced.get()).isEqualTo(2);
        clock.advanceTimeBy(10, TimeUnit.SECONDS);
        assertThat(produced.get()).isEqualTo(4);
        clock.advanceTimeBy(100, TimeUnit.SECONDS);
        assertThat(produced.get()).isEqualTo(24);
        results.assertValueCount(22);
        results.cancel();
    }

    @Test
    void rxJavaFailingJobBecomesAFailedResultAndTheOthersStillRun() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<JobResult> results = RxJavaWorkQueue.workOff(Flowable.range(0, 4),
                id -> RxJavaWorkQueue.settle(id, id == 1
                        ? Single.timer(1, TimeUnit.SECONDS, clock).flatMap(t -> Single.<Long>error(new IllegalStateException("job 1 breaks")))
                        : Single.timer(1, TimeUnit.SECONDS, clock).map(t -> (long) id)).toMaybe(), 2).test();

        clock.advanceTimeBy(2, TimeUnit.SECONDS);

        results.assertValueCount(4).assertComplete();
        assertThat(results.values()).filteredOn(r -> !r.succeeded()).extracting(JobResult::jobId).containsExactly(1);
    }
}
