package labs.level06_performance.lab14_lock_contention;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The lanes' cores — {@link ReactorLane#totals} and {@link RxJavaLane#totals}, the very chains
 * {@code count} runs — driven in virtual time with writers whose increments are timed on the test's
 * clock: the order the lane folds in, when its count is final, what a failing writer does, and the
 * bound on how far a writer may run ahead. Virtual time runs on one thread: it shows when, never how
 * fast on real cores (that is the CLI's and JMH's).
 */
class ReactiveLaneInVirtualTimeTest {

    /** A writer: {@code n} increments, one every {@code period} ms on {@code Flux.interval}'s scheduler. */
    private static Flux<Long> every(long period, int n) {
        return Flux.interval(Duration.ofMillis(period), VirtualTimeScheduler.get()).take(n).map(i -> 1L);
    }

    private static Flowable<Long> every(long period, int n, TestScheduler clock) {
        return Flowable.interval(period, TimeUnit.MILLISECONDS, clock).take(n).map(i -> 1L);
    }

    @Test
    @Hint("The lane folds one increment at a time, in the order they reach it, whichever writer sent them.")
    void twoWritersOneLaneEveryIncrementFoldedOnceInArrivalOrder() {
        StepVerifier.withVirtualTime(() -> new ReactorLane().totals(Flux.just(every(3, 3), every(5, 2)), VirtualTimeScheduler.get()))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(3)).as("a's first increment, at 3 ms").expectNext(1L)
                .expectNoEvent(Duration.ofMillis(2)).as("b's first, at 5 ms").expectNext(2L)
                .expectNoEvent(Duration.ofMillis(1)).as("a's second, at 6 ms").expectNext(3L)
                .expectNoEvent(Duration.ofMillis(3)).as("a's third, at 9 ms").expectNext(4L)
                .expectNoEvent(Duration.ofMillis(1)).as("b's second, at 10 ms, and both writers done").expectNext(5L)
                .verifyComplete();
    }

    @Test
    @Hint("The count is final only when every writer has completed, not when the last increment arrived.")
    void theCountIsFinalOnlyWhenTheLastWriterCompletes() {
        StepVerifier.withVirtualTime(() -> {
                    Flux<Long> quick = every(1, 3);
                    Flux<Long> slowToFinish = Mono.delay(Duration.ofMillis(2), VirtualTimeScheduler.get()).map(t -> 1L)
                            .concatWith(Mono.delay(Duration.ofMillis(18), VirtualTimeScheduler.get()).then(Mono.empty()));
                    return new ReactorLane().totals(Flux.just(quick, slowToFinish), VirtualTimeScheduler.get()).last();
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(20)).as("the count, once the slow writer completed at 20 ms")
                .expectNext(4L)
                .verifyComplete();
    }

    @Test
    @Hint("merge fails fast: the first writer's error ends the lane at once and cancels the writers still running.")
    void aWriterThatFailsEndsTheLaneAtOnceAndCancelsTheOthers() {
        AtomicBoolean steadyCancelled = new AtomicBoolean();
        StepVerifier.withVirtualTime(() -> {
                    Flux<Long> steady = Flux.interval(Duration.ofMillis(2), VirtualTimeScheduler.get()).map(i -> 1L)
                            .doOnCancel(() -> steadyCancelled.set(true));
                    Flux<Long> failing = Mono.delay(Duration.ofMillis(5), VirtualTimeScheduler.get())
                            .then(Mono.<Long>error(new IllegalStateException("writer b failed"))).flux();
                    return new ReactorLane().totals(Flux.just(steady, failing), VirtualTimeScheduler.get());
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(2)).expectNext(1L)
                .expectNoEvent(Duration.ofMillis(2)).expectNext(2L)
                .expectNoEvent(Duration.ofMillis(1)).as("writer b's error, at 5 ms")
                .verifyErrorMessage("writer b failed");
        assertThat(steadyCancelled).as("the steady writer was cancelled when b failed").isTrue();
    }

    /**
     * Guards the tempting lane with no bound ({@code onBackpressureBuffer()} in front of the fold, or
     * a merge that takes every writer's items as fast as they come): with rings of 4, a writer that
     * could emit a million increments is asked for at most two rings ahead of what the lane has
     * folded — however long the fold takes.
     */
    @Test
    @Hint("A lane must hold its writers back: a writer is never asked for more than the lane's rings can hold beyond what it folded.")
    void aWriterIsNeverAskedForMoreThanTwoRingsAheadOfTheFold() {
        int prefetch = 4;
        AtomicLong requestedOfA = new AtomicLong();
        AtomicLong requestedOfB = new AtomicLong();
        Queue<Runnable> laneTasks = new ArrayDeque<>();
        Scheduler lane = Schedulers.fromExecutor(laneTasks::add); // the lane's thread runs only when the test says so
        // Two writers, so the merge is a real merge (one would be subscribed straight through). hide(): a real
        // writer (generate, then subscribeOn) cannot be fused into the merge's ring; a fusable range would be
        // polled in place, with no request to count.
        Flux<Long> a = Flux.range(0, 1_000_000).map(i -> 1L).doOnRequest(requestedOfA::addAndGet).hide();
        Flux<Long> b = Flux.range(0, 1_000_000).map(i -> 1L).doOnRequest(requestedOfB::addAndGet).hide();

        StepVerifier.create(new ReactorLane(prefetch).totals(Flux.just(a, b), lane), 0)
                .then(() -> assertAskedAtMost(0, prefetch, requestedOfA, requestedOfB))
                .thenRequest(1)
                .then(() -> runAll(laneTasks))
                .expectNext(1L)
                .then(() -> assertAskedAtMost(1, prefetch, requestedOfA, requestedOfB))
                .thenRequest(100)
                .then(() -> runAll(laneTasks))
                .expectNextCount(100)
                .then(() -> assertAskedAtMost(101, prefetch, requestedOfA, requestedOfB))
                .thenCancel()
                .verify();
    }

    /** Each writer asked for at most what was folded plus two rings: the merge's and the lane's. */
    private static void assertAskedAtMost(long folded, int prefetch, AtomicLong... requested) {
        for (int w = 0; w < requested.length; w++) {
            assertThat(requested[w].get()).as("asked of writer %d with %d increments folded (rings of %d)", w, folded, prefetch)
                    .isLessThanOrEqualTo(folded + 2L * prefetch);
        }
    }

    private static void runAll(Queue<Runnable> tasks) {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
        }
    }

    // --- the same on RxJava: TestScheduler, moved by hand ---

    @Test
    @Hint("The lane folds one increment at a time, in the order they reach it, whichever writer sent them.")
    void rxJavaTwoWritersOneLaneEveryIncrementFoldedOnceInArrivalOrder() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<Long> totals = new RxJavaLane().totals(Flowable.just(every(3, 3, clock), every(5, 2, clock)), clock).test();

        clock.advanceTimeTo(4, TimeUnit.MILLISECONDS);
        totals.assertValuesOnly(1L);
        clock.advanceTimeTo(6, TimeUnit.MILLISECONDS);
        totals.assertValuesOnly(1L, 2L, 3L);
        clock.advanceTimeTo(10, TimeUnit.MILLISECONDS);
        totals.assertResult(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    @Hint("merge fails fast: the first writer's error ends the lane at once and cancels the writers still running.")
    void rxJavaAWriterThatFailsEndsTheLaneAtOnceAndCancelsTheOthers() {
        TestScheduler clock = new TestScheduler();
        AtomicBoolean steadyCancelled = new AtomicBoolean();
        Flowable<Long> steady = Flowable.interval(2, TimeUnit.MILLISECONDS, clock).map(i -> 1L).doOnCancel(() -> steadyCancelled.set(true));
        Flowable<Long> failing = Flowable.timer(5, TimeUnit.MILLISECONDS, clock).flatMap(t -> Flowable.error(new IllegalStateException("writer b failed")));
        TestSubscriber<Long> totals = new RxJavaLane().totals(Flowable.just(steady, failing), clock).test();

        clock.advanceTimeTo(5, TimeUnit.MILLISECONDS);
        totals.assertFailure(IllegalStateException.class, 1L, 2L).assertError(e -> e.getMessage().equals("writer b failed"));
        assertThat(steadyCancelled).as("the steady writer was cancelled when b failed").isTrue();
    }

    @Test
    @Hint("A lane must hold its writers back: a writer is never asked for more than the lane's rings can hold beyond what it folded.")
    void rxJavaAWriterIsNeverAskedForMoreThanTwoRingsAheadOfTheFold() {
        int prefetch = 4;
        AtomicLong requestedOfA = new AtomicLong();
        AtomicLong requestedOfB = new AtomicLong();
        TestScheduler lane = new TestScheduler(); // the lane's thread runs only when the test triggers it
        Flowable<Long> a = Flowable.range(0, 1_000_000).map(i -> 1L).doOnRequest(requestedOfA::addAndGet).hide(); // not fusable, as a real writer
        Flowable<Long> b = Flowable.range(0, 1_000_000).map(i -> 1L).doOnRequest(requestedOfB::addAndGet).hide();

        TestSubscriber<Long> totals = new RxJavaLane(prefetch).totals(Flowable.just(a, b), lane).test(0);
        assertAskedAtMost(0, prefetch, requestedOfA, requestedOfB);
        totals.request(1);
        lane.triggerActions();
        totals.assertValuesOnly(1L);
        assertAskedAtMost(1, prefetch, requestedOfA, requestedOfB);
        totals.request(100);
        lane.triggerActions();
        assertThat(totals.values()).as("increments folded").hasSize(101);
        assertAskedAtMost(101, prefetch, requestedOfA, requestedOfB);
        totals.cancel();
    }
}
