package labs.level01_independent_execution.lab01_parallel_workers;

import labs.support.Hint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The lab's failure themes, injected into the shipped reactive core — {@link ReactorWorkers#outcomes(Flux, java.util.function.Function)}
 * and {@link RxJavaWorkers#outcomes(Flowable, io.reactivex.rxjava3.functions.Function)}, on a
 * virtual-time scheduler passed to the constructor — with timed work: a task "takes" its duration
 * on the virtual clock before its callable runs, so an hour of simulated work finishes in
 * milliseconds, identically on every run and every machine.
 */
class ReactiveWorkersInVirtualTimeTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    /** Tasks 0 … count-1; each task's callable returns its id. */
    private static Flux<Task<Integer>> tasks(int count) {
        return Flux.range(0, count).map(id -> new Task<>(id, () -> id));
    }

    private static Flowable<Task<Integer>> rxTasks(int count) {
        return Flowable.range(0, count).map(id -> new Task<>(id, () -> id));
    }

    /** Reactor: the task's callable runs after it has worked {@code time.apply(id)} on the virtual clock. */
    private static Flux<Integer> run(int workers, Flux<Task<Integer>> tasks, IntFunction<Duration> time) {
        return new ReactorWorkers(workers, VirtualTimeScheduler.get())
                .outcomes(tasks, task -> Mono.delay(time.apply(task.id())).then(Mono.fromCallable(task.body())))
                .map(Outcome::value);
    }

    private static TestSubscriber<Integer> run(TestScheduler clock, int workers, Flowable<Task<Integer>> tasks, IntFunction<Long> seconds) {
        return new RxJavaWorkers(workers, clock)
                .outcomes(tasks, task -> Single.timer(seconds.apply(task.id()), TimeUnit.SECONDS, clock).flatMap(t -> Single.fromCallable(task.body())))
                .map(Outcome::value)
                .test();
    }

    /** Ten one-second tasks on four workers, except task 7, which takes ten seconds. */
    private static Duration stragglerSeven(int id) {
        return id == 7 ? Duration.ofSeconds(10) : SECOND;
    }

    @Test
    @Hint("Each task starts as soon as any worker is free — not in batches — and outcomes leave as tasks end.")
    void aStragglerSetsTheCompletionTimeWhileTheOthersFinishOnSchedule() {
        StepVerifier.withVirtualTime(() -> run(4, tasks(10), ReactiveWorkersInVirtualTimeTest::stragglerSeven))
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
                        .concatMap(batch -> Flux.fromIterable(batch).flatMap(id -> Mono.delay(stragglerSeven(id)).thenReturn(id))))
                .expectSubscription()
                .expectNoEvent(SECOND).expectNextCount(4)       // batch 0-3 at 1 s
                .thenAwait(SECOND).expectNextCount(3)           // 4,5,6 at 2 s, but 7 holds the batch
                .expectNoEvent(Duration.ofSeconds(9)).expectNext(7)
                .thenAwait(SECOND).expectNextCount(2)           // 8,9 could have finished at 3 s; they finish at 12 s
                .verifyComplete();
    }

    @Test
    @Hint("With one worker, the next task waits until the running one ends, however long that is.")
    void aHogOnTheOnlyWorkerStarvesEveryTaskQueuedBehindItForAnHour() {
        StepVerifier.withVirtualTime(() -> run(1, tasks(4), id -> id == 0 ? Duration.ofHours(1) : SECOND))
                .expectSubscription()
                .expectNoEvent(Duration.ofHours(1))
                .expectNext(0)
                .thenAwait(Duration.ofSeconds(3))
                .expectNext(1, 2, 3)
                .verifyComplete();
    }

    @Test
    @Hint("A free worker takes the next task at once, even while another worker is still busy.")
    void aHogHoldsOneWorkerAndTheOthersShareWhatIsLeft() {
        StepVerifier.withVirtualTime(() -> run(2, tasks(5), id -> id == 0 ? Duration.ofHours(1) : SECOND))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(4))
                .expectNext(1, 2, 3, 4)             // one worker left: one task per second
                .expectNoEvent(Duration.ofHours(1).minusSeconds(4))
                .expectNext(0)
                .verifyComplete();
    }

    @Test
    @Hint("Which operator cancels the other inner publishers and the source on the first error (and which delays errors instead)?")
    void theFirstFailureCancelsRunningSiblingsAndStartsNoFurtherTaskNamingTheTask() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> new ReactorWorkers(3, VirtualTimeScheduler.get()).outcomes(tasks(10), task -> {
                    started.incrementAndGet();
                    return task.id() == 1
                            ? Mono.delay(Duration.ofSeconds(2)).then(Mono.error(new IllegalStateException("task 1 fails at 2 s")))
                            // flatMap also cancels the inner that failed (a no-op): count only the siblings
                            : Mono.delay(Duration.ofSeconds(5)).then(Mono.fromCallable(task.body())).doOnCancel(cancelled::incrementAndGet);
                }))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(2))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(WorkerFailedException.class)
                        .hasMessage("task 1 failed: java.lang.IllegalStateException: task 1 fails at 2 s"))
                .verify();

        assertThat(started.get()).as("tasks started: only the first window of three").isEqualTo(3);
        assertThat(cancelled.get()).as("running siblings cancelled").isEqualTo(2);
    }

    @Test
    @Hint("Completion must wait for the last inner publisher, not for the source to run out.")
    void completionComesAfterTheLastResultNeverBefore() {
        StepVerifier.withVirtualTime(() -> run(3, tasks(4).skip(1), Duration::ofSeconds))
                .expectSubscription()
                .expectNoEvent(SECOND).expectNext(1)
                .expectNoEvent(SECOND).expectNext(2)
                .expectNoEvent(SECOND).expectNext(3)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    /** Each outcome names the thread its work ran on: here the scheduler the core was given, not the caller's. */
    @Test
    @Hint("subscribeOn the scheduler given to the constructor — not a hard-wired one.")
    void theWorkRunsOnTheSchedulerTheCoreWasGiven() {
        reactor.core.scheduler.Scheduler lab = reactor.core.scheduler.Schedulers.newSingle("lab01-test-given");
        try {
            assertThat(new ReactorWorkers(2, lab).outcomes(java.util.List.of(new Task<>(0, () -> 0))).blockFirst().thread())
                    .startsWith("lab01-test-given");
        } finally {
            lab.dispose();
        }
    }

    @Test
    @Hint("Same as Reactor: the next task starts as soon as any worker is free.")
    void rxJavaStragglerSetsTheCompletionTimeToo() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<Integer> results = run(clock, 4, rxTasks(10), id -> id == 7 ? 10L : 1L);

        clock.advanceTimeBy(3, TimeUnit.SECONDS);
        results.assertValueCount(9).assertNotComplete();
        clock.advanceTimeBy(7, TimeUnit.SECONDS);
        results.assertValueCount(9).assertNotComplete();  // t=10s: the straggler started at 1 s
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        results.assertValueCount(10).assertComplete();
        assertThat(results.values().getLast()).isEqualTo(7);
    }

    @Test
    @Hint("With one worker, the next task waits until the running one ends.")
    void rxJavaHogOnTheOnlyWorkerStarvesTheRestForAnHour() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<Integer> results = run(clock, 1, rxTasks(4), id -> id == 0 ? 3600L : 1L);

        clock.advanceTimeBy(3599, TimeUnit.SECONDS);
        results.assertNoValues();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        results.assertValues(0);
        clock.advanceTimeBy(3, TimeUnit.SECONDS);
        results.assertValues(0, 1, 2, 3).assertComplete();
    }

    @Test
    @Hint("flatMapSingle's delayErrors argument decides whether the first error cancels the rest.")
    void rxJavaFirstFailureCancelsSiblingsAndStartsNoFurtherTask() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger disposed = new AtomicInteger();
        TestSubscriber<Outcome<Integer>> results = new RxJavaWorkers(3, clock).outcomes(rxTasks(10), task -> {
            started.incrementAndGet();
            Single<Integer> work = task.id() == 1
                    ? Single.timer(2, TimeUnit.SECONDS, clock).flatMap(t -> Single.<Integer>error(new IllegalStateException("task 1 fails at 2 s")))
                    : Single.timer(5, TimeUnit.SECONDS, clock).flatMap(t -> Single.fromCallable(task.body()));
            return work.doOnDispose(disposed::incrementAndGet);
        }).test();

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        results.assertError(e -> e instanceof WorkerFailedException && e.getMessage().startsWith("task 1 failed")).assertNoValues();
        assertThat(started.get()).isEqualTo(3);
        assertThat(disposed.get()).isEqualTo(2);
        clock.advanceTimeBy(1, TimeUnit.HOURS);
        assertThat(started.get()).as("nothing starts later either").isEqualTo(3);
    }

    @Test
    void workersBelowOneAreRejectedBeforeAnythingIsBuilt() {
        assertThatThrownBy(() -> new ReactorWorkers(0, VirtualTimeScheduler.create())).hasMessage("workers must be >= 1 (got 0)");
        assertThatThrownBy(() -> new RxJavaWorkers(-1, new TestScheduler())).hasMessage("workers must be >= 1 (got -1)");
    }
}
