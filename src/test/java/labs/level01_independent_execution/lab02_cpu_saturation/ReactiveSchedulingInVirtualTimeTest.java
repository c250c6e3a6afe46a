package labs.level01_independent_execution.lab02_cpu_saturation;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The shipped reactive core — {@link ReactorScheduling#completions(Flux, java.util.function.Function)}
 * and {@link RxJavaScheduling#completions(Flowable, io.reactivex.rxjava3.functions.Function)}, given a
 * virtual-time scheduler — with timed tasks: a task "takes" its duration on the virtual clock.
 *
 * <p>What virtual time can show honestly is the window: how many tasks are in flight, when the next
 * is taken, when the batch ends. What it cannot show is what the lab measures — cores shared by
 * threads, a thread cap on CPU-bound work: a virtual-time task needs no core and no thread while it
 * "runs". That is why the live experiment exists.
 */
class ReactiveSchedulingInVirtualTimeTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    /** Tasks 0 … count-1, each working one second on the virtual clock. */
    private static Flux<Integer> reactor(int workers, Flux<Integer> tasks) {
        return new ReactorScheduling(workers, VirtualTimeScheduler.get()).completions(tasks, task -> Mono.delay(SECOND));
    }

    private static TestSubscriber<Integer> rxjava(TestScheduler clock, int workers, Flowable<Integer> tasks) {
        return new RxJavaScheduling(workers, clock).completions(tasks, task -> Completable.timer(1, TimeUnit.SECONDS, clock)).test();
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    @Hint("W workers take W tasks at once and the next as soon as one ends: n equal tasks take ceil(n / W) task-lengths.")
    void eightOneSecondTasksEndAfterEightOverWorkersRoundedUpSeconds(int workers) {
        int rounds = (8 + workers - 1) / workers;
        int beforeTheLastRound = workers * (rounds - 1);
        StepVerifier.withVirtualTime(() -> reactor(workers, Flux.range(0, 8)))
                .expectSubscription()
                .thenAwait(SECOND.multipliedBy(rounds - 1))
                .expectNextCount(beforeTheLastRound)
                .expectNoEvent(SECOND.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNextCount(8 - beforeTheLastRound)
                .verifyComplete();
    }

    @Test
    @Hint("flatMap(work, W) requests W tasks from its source, then one more each time a task's work completes.")
    void theSourceIsAskedForATaskOnlyWhenAWorkerIsFree() {
        AtomicInteger taken = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> reactor(2, Flux.range(0, 6).doOnNext(t -> taken.incrementAndGet())))
                .expectSubscription()
                .then(() -> assertThat(taken.get()).as("tasks taken at 0 s, two workers").isEqualTo(2))
                .thenAwait(SECOND)
                .expectNextCount(2)
                .then(() -> assertThat(taken.get()).as("tasks taken at 1 s").isEqualTo(4))
                .thenAwait(SECOND)
                .expectNextCount(2)
                .then(() -> assertThat(taken.get()).as("tasks taken at 2 s").isEqualTo(6))
                .thenAwait(SECOND)
                .expectNextCount(2)
                .verifyComplete();
    }

    @Test
    @Hint("An error from one task's work ends the stream: flatMap cancels the source and the siblings still running.")
    void aFailingTaskEndsTheRunWithItsErrorCancelsItsSiblingAndNoFurtherTaskIsTaken() {
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> new ReactorScheduling(2, VirtualTimeScheduler.get())
                        .completions(Flux.range(0, 10).doOnNext(t -> taken.incrementAndGet()), task -> task == 1
                                ? Mono.delay(Duration.ofSeconds(2)).then(Mono.error(new IllegalStateException("task 1 fails at 2 s")))
                                : Mono.delay(Duration.ofSeconds(5)).doOnCancel(cancelled::incrementAndGet)))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(2))
                .expectErrorMessage("task 1 fails at 2 s")
                .verify();

        assertThat(taken.get()).as("tasks taken: the first window of two").isEqualTo(2);
        assertThat(cancelled.get()).as("running siblings cancelled").isEqualTo(1);
    }

    @Test
    @Hint("flatMapSingle(work, false, W) keeps W tasks in flight: n equal tasks take ceil(n / W) task-lengths.")
    void rxJavaEndsEightOneSecondTasksOnThreeWorkersAfterThreeSeconds() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<Integer> done = rxjava(clock, 3, Flowable.range(0, 8));

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        done.assertValueCount(6).assertNotComplete();
        clock.advanceTimeBy(999, TimeUnit.MILLISECONDS);
        done.assertValueCount(6).assertNotComplete();
        clock.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        done.assertValueCount(8).assertComplete();
    }

    @Test
    @Hint("maxConcurrency requests W tasks from the source, then one more each time one completes.")
    void rxJavaAsksItsSourceForATaskOnlyWhenAWorkerIsFree() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger taken = new AtomicInteger();
        TestSubscriber<Integer> done = rxjava(clock, 2, Flowable.range(0, 6).doOnNext(t -> taken.incrementAndGet()));

        assertThat(taken.get()).as("tasks taken at 0 s, two workers").isEqualTo(2);
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        assertThat(taken.get()).as("tasks taken at 1 s").isEqualTo(4);
        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        done.assertValueCount(6).assertComplete();
    }

    @Test
    @Hint("delayErrors = false: the first error disposes of the source and of the siblings still running.")
    void rxJavaFailingTaskEndsTheRunAndNoFurtherTaskIsTaken() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger disposed = new AtomicInteger();
        TestSubscriber<Integer> done = new RxJavaScheduling(2, clock).completions(Flowable.range(0, 10).doOnNext(t -> taken.incrementAndGet()),
                task -> task == 1
                        ? Completable.timer(2, TimeUnit.SECONDS, clock).andThen(Completable.error(new IllegalStateException("task 1 fails at 2 s")))
                        : Completable.timer(5, TimeUnit.SECONDS, clock).doOnDispose(disposed::incrementAndGet)).test();

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        done.assertError(e -> e.getMessage().equals("task 1 fails at 2 s")).assertNoValues();
        assertThat(taken.get()).as("tasks taken").isEqualTo(2);
        assertThat(disposed.get()).as("running siblings disposed").isEqualTo(1);
        clock.advanceTimeBy(1, TimeUnit.HOURS);
        assertThat(taken.get()).as("nothing is taken later either").isEqualTo(2);
    }

    /** The work runs on the scheduler the core was given, not on the caller's thread. */
    @Test
    @Hint("subscribeOn(scheduler) moves the subscription, and so the task's work, onto the scheduler the core was given.")
    void theWorkRunsOnTheSchedulerTheCoreWasGiven() {
        reactor.core.scheduler.Scheduler given = reactor.core.scheduler.Schedulers.newSingle("lab02-test-given");
        try {
            AtomicReference<String> ranOn = new AtomicReference<>();
            new ReactorScheduling(1, given)
                    .completions(Flux.just(0), task -> Mono.fromRunnable(() -> ranOn.set(Thread.currentThread().getName())))
                    .blockLast(Duration.ofSeconds(10));
            assertThat(ranOn.get()).as("the thread the task's work ran on").startsWith("lab02-test-given");
        } finally {
            given.dispose();
        }
    }
}
