package labs.level01_independent_execution.lab01_parallel_workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The lab's failure themes, injected into the reactive shape ({@code flatMap(work, workers)}) with
 * timed work on virtual time: a task "takes" its duration on the virtual clock, so an hour of
 * simulated work finishes in milliseconds, identically on every run and every machine.
 */
class ReactiveWorkersInVirtualTimeTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    /** Ten one-second tasks on four workers, except task 7, which takes ten seconds. */
    private static Mono<Integer> withStragglerSeven(int id) {
        return Mono.delay(id == 7 ? Duration.ofSeconds(10) : SECOND).thenReturn(id);
    }

    @Test
    void aStragglerSetsTheCompletionTimeWhileTheOthersFinishOnSchedule() {
        StepVerifier.withVirtualTime(() -> ReactorWorkers.inParallel(Flux.range(0, 10), ReactiveWorkersInVirtualTimeTest::withStragglerSeven, 4))
                .expectSubscription()
                .expectNoEvent(SECOND)
                .expectNextCount(4)                 // t=1s: tasks 0-3; 4,5,6 and the straggler 7 start
                .thenAwait(SECOND)
                .expectNextCount(3)                 // t=2s: 4,5,6; 8 and 9 take their slots
                .thenAwait(SECOND)
                .expectNextCount(2)                 // t=3s: 8,9 — nine of ten done in 3 s
                .expectNoEvent(Duration.ofSeconds(8))
                .expectNext(7)                      // t=11s: the straggler, 1 s start + 10 s work
                .verifyComplete();
    }

    /** Guards against "fixing" the straggler with a batch approach: batches wait for their slowest. */
    @Test
    void batchingByWorkerCountWouldMakeTheStragglerDelayEveryLaterTask() {
        StepVerifier.withVirtualTime(() -> Flux.range(0, 10).buffer(4)
                        .concatMap(batch -> Flux.fromIterable(batch).flatMap(ReactiveWorkersInVirtualTimeTest::withStragglerSeven)))
                .expectSubscription()
                .expectNoEvent(SECOND).expectNextCount(4)       // batch 0-3 at 1 s
                .thenAwait(SECOND).expectNextCount(3)           // 4,5,6 at 2 s, but 7 holds the batch
                .expectNoEvent(Duration.ofSeconds(9)).expectNext(7)
                .thenAwait(SECOND).expectNextCount(2)           // 8,9 could have finished at 3 s; they finish at 12 s
                .verifyComplete();
    }

    @Test
    void aHogOnTheOnlyWorkerStarvesEveryTaskQueuedBehindItForAnHour() {
        StepVerifier.withVirtualTime(() -> ReactorWorkers.inParallel(Flux.range(0, 4),
                        id -> Mono.delay(id == 0 ? Duration.ofHours(1) : SECOND).thenReturn(id), 1))
                .expectSubscription()
                .expectNoEvent(Duration.ofHours(1))
                .expectNext(0)
                .thenAwait(Duration.ofSeconds(3))
                .expectNext(1, 2, 3)
                .verifyComplete();
    }

    @Test
    void aHogHoldsOneWorkerAndTheOthersShareWhatIsLeft() {
        StepVerifier.withVirtualTime(() -> ReactorWorkers.inParallel(Flux.range(0, 5),
                        id -> Mono.delay(id == 0 ? Duration.ofHours(1) : SECOND).thenReturn(id), 2))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(4))
                .expectNext(1, 2, 3, 4)             // one worker left: one task per second
                .expectNoEvent(Duration.ofHours(1).minusSeconds(4))
                .expectNext(0)
                .verifyComplete();
    }

    @Test
    void theFirstFailureCancelsRunningSiblingsAndStartsNoFurtherTask() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> ReactorWorkers.inParallel(Flux.range(0, 10), id -> {
                    started.incrementAndGet();
                    Mono<Integer> work = id == 1
                            ? Mono.delay(Duration.ofSeconds(2)).then(Mono.error(new IllegalStateException("task 1 fails at 2 s")))
                            : Mono.delay(Duration.ofSeconds(5)).thenReturn(id);
                    // flatMap also cancels the inner that failed (a no-op): count only the siblings
                    return id == 1 ? work : work.doOnCancel(cancelled::incrementAndGet);
                }, 3))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(2))
                .expectErrorMessage("task 1 fails at 2 s")
                .verify();

        assertThat(started.get()).as("tasks started: only the first window of three").isEqualTo(3);
        assertThat(cancelled.get()).as("running siblings cancelled").isEqualTo(2);
    }

    @Test
    void completionComesAfterTheLastResultNeverBefore() {
        StepVerifier.withVirtualTime(() -> ReactorWorkers.inParallel(Flux.range(1, 3),
                        id -> Mono.delay(Duration.ofSeconds(id)).thenReturn(id), 3))
                .expectSubscription()
                .expectNoEvent(SECOND).expectNext(1)
                .expectNoEvent(SECOND).expectNext(2)
                .expectNoEvent(SECOND).expectNext(3)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void rxJavaStragglerSetsTheCompletionTimeToo() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<Integer> results = RxJavaWorkers.inParallel(Flowable.range(0, 10),
                id -> Single.timer(id == 7 ? 10 : 1, TimeUnit.SECONDS, clock).map(tick -> id), 4).test();

        clock.advanceTimeBy(3, TimeUnit.SECONDS);
        results.assertValueCount(9).assertNotComplete();
        clock.advanceTimeBy(7, TimeUnit.SECONDS);
        results.assertValueCount(9).assertNotComplete();  // t=10s: the straggler started at 1 s
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        results.assertValueCount(10).assertComplete();
        assertThat(results.values().getLast()).isEqualTo(7);
    }

    @Test
    void rxJavaHogOnTheOnlyWorkerStarvesTheRestForAnHour() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<Integer> results = RxJavaWorkers.inParallel(Flowable.range(0, 4),
                id -> Single.timer(id == 0 ? 3600 : 1, TimeUnit.SECONDS, clock).map(tick -> id), 1).test();

        clock.advanceTimeBy(3599, TimeUnit.SECONDS);
        results.assertNoValues();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        results.assertValues(0);
        clock.advanceTimeBy(3, TimeUnit.SECONDS);
        results.assertValues(0, 1, 2, 3).assertComplete();
    }

    @Test
    void rxJavaFirstFailureCancelsSiblingsAndStartsNoFurtherTask() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger disposed = new AtomicInteger();
        TestSubscriber<Integer> results = RxJavaWorkers.inParallel(Flowable.range(0, 10), id -> {
            started.incrementAndGet();
            Single<Integer> work = id == 1
                    ? Single.timer(2, TimeUnit.SECONDS, clock).flatMap(t -> Single.<Integer>error(new IllegalStateException("task 1 fails at 2 s")))
                    : Single.timer(5, TimeUnit.SECONDS, clock).map(t -> id);
            return work.doOnDispose(disposed::incrementAndGet);
        }, 3).test();

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        results.assertError(IllegalStateException.class).assertNoValues();
        assertThat(started.get()).isEqualTo(3);
        assertThat(disposed.get()).isEqualTo(2);
        clock.advanceTimeBy(1, TimeUnit.HOURS);
        assertThat(started.get()).as("nothing starts later either").isEqualTo(3);
    }

    @Test
    void workersBelowOneAreRejectedByTheOperatorToo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReactorWorkers.inParallel(Flux.range(0, 1), Mono::just, 0))
                .hasMessage("workers must be >= 1 (got 0)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RxJavaWorkers.inParallel(Flowable.range(0, 1), Single::just, -1))
                .hasMessage("workers must be >= 1 (got -1)");
    }
}
