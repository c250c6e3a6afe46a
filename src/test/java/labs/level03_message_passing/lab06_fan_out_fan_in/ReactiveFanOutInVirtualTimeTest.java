package labs.level03_message_passing.lab06_fan_out_fan_in;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Hint;
import labs.support.Result;
import labs.support.Threads;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The lab's shipped reactive core — {@link ReactorFanOut#inBranchOrder} / {@link ReactorFanOut#everyOutcome}
 * and their {@link RxJavaFanOut} twins, built with a virtual-time scheduler — with timed work: a
 * branch "takes" its time on the virtual clock before its callable runs, so an hour of simulated
 * work finishes in milliseconds, identically on every run. Three branches a, b, c take 3 s, 1 s and
 * 2 s: they finish b, c, a ({@link FanOutOperatorsComparedInVirtualTimeTest} runs the operators the
 * core was chosen against on the same input).
 */
class ReactiveFanOutInVirtualTimeTest {

    private static final List<Branch<String>> ABC = List.of(new Branch<>(0, () -> "a"), new Branch<>(1, () -> "b"), new Branch<>(2, () -> "c"));
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final String B_FAILS = "b fails at 1 s";

    private static long seconds(Branch<?> branch) {
        return switch (branch.index()) {
            case 0 -> 3;
            case 1 -> 1;
            default -> 2;
        };
    }

    /** Reactor: the branch's callable runs once it has worked its time on the virtual clock. */
    private static Mono<String> timed(Branch<String> branch) {
        return Mono.delay(Duration.ofSeconds(seconds(branch))).then(Mono.fromCallable(branch.body()));
    }

    /** Reactor: as {@link #timed}, except that b fails at 1 s; the others count their cancellations. */
    private static Mono<String> bFails(Branch<String> branch, AtomicInteger cancelled) {
        return branch.index() == 1
                ? Mono.delay(SECOND).then(Mono.error(new IllegalStateException(B_FAILS)))
                : timed(branch).doOnCancel(cancelled::incrementAndGet);
    }

    private static ReactorFanOut reactor() {
        return new ReactorFanOut(VirtualTimeScheduler.get());
    }

    private static Maybe<String> timed(Branch<String> branch, TestScheduler clock) {
        return Maybe.timer(seconds(branch), TimeUnit.SECONDS, clock).flatMap(tick -> Maybe.fromCallable(branch.body()));
    }

    private static Maybe<String> bFails(Branch<String> branch, TestScheduler clock, AtomicInteger disposed) {
        return branch.index() == 1
                ? Maybe.timer(1, TimeUnit.SECONDS, clock).flatMap(tick -> Maybe.<String>error(new IllegalStateException(B_FAILS)))
                : timed(branch, clock).doOnDispose(disposed::incrementAndGet);
    }

    @Test
    @Hint("Subscribe to every branch at once, but hand the results on in branch order: b and c are ready early and wait for a.")
    void flatMapSequentialRunsAllAtOnceButHoldsEarlyResultsUntilTheirTurn() {
        StepVerifier.withVirtualTime(() -> reactor().inBranchOrder(Flux.fromIterable(ABC), ReactiveFanOutInVirtualTimeTest::timed, 3))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(3)) // b and c are done, but wait behind a
                .expectNext("a", "b", "c")
                .expectComplete()
                .verify(); // at 3 s, the slowest branch: one at a time would take 6 s
    }

    @Test
    @Hint("In branch order, nothing can be handed on before the first branch's result, however early the others are done.")
    void aSlowFirstBranchHoldsBackEveryResultInBranchOrderForAnHour() {
        Flux<Branch<Integer>> branches = Flux.range(0, 4).map(i -> new Branch<>(i, () -> i));
        StepVerifier.withVirtualTime(() -> reactor().inBranchOrder(branches,
                        branch -> Mono.delay(branch.index() == 0 ? Duration.ofHours(1) : SECOND).then(Mono.fromCallable(branch.body())), 4))
                .expectSubscription()
                .expectNoEvent(Duration.ofHours(1)) // 1, 2, 3 were ready after a second
                .expectNext(0, 1, 2, 3)
                .expectComplete()
                .verify();
    }

    /** Width 2 of 3: c is not started when b finishes (1 s), but when a, the head of the order, is emitted (3 s). */
    @Test
    @Hint("With fewer slots than branches, ask yourself which branch must be handed on before a slot counts as free again.")
    void aNarrowFanOutStartsTheNextBranchOnlyWhenTheHeadOfTheOrderIsDone() {
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        StepVerifier.withVirtualTime(() -> reactor().inBranchOrder(Flux.fromIterable(ABC), branch -> Mono.defer(() -> {
                    startedAt.put("abc".substring(branch.index(), branch.index() + 1), VirtualTimeScheduler.get().now(TimeUnit.SECONDS));
                    return timed(branch);
                }), 2))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(3))
                .expectNext("a", "b")
                .expectNoEvent(Duration.ofSeconds(2))
                .expectNext("c")
                .expectComplete()
                .verify();

        assertThat(startedAt).as("when each branch started, in virtual seconds").containsExactlyInAnyOrderEntriesOf(Map.of("a", 0L, "b", 0L, "c", 3L));
    }

    @Test
    @Hint("Fail fast: the first failure ends the answer at once, named by its branch, and the branches still running are cancelled.")
    void theFirstFailureCancelsTheRunningSiblingsAndNamesItsBranch() {
        AtomicInteger cancelled = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> reactor().inBranchOrder(Flux.fromIterable(ABC), branch -> bFails(branch, cancelled), 3))
                .expectSubscription()
                .expectNoEvent(SECOND)
                .expectErrorSatisfies(e -> assertThat(e).as("the error at 1 s").isInstanceOf(BranchFailedException.class)
                        .hasMessage("branch 1 failed: java.lang.IllegalStateException: " + B_FAILS))
                .verify();

        assertThat(cancelled.get()).as("running siblings cancelled").isEqualTo(2);
    }

    @Test
    @Hint("Delay errors: a branch's failure becomes its outcome, in its slot, so no sibling is cancelled and the answer waits for the slowest.")
    void everyOutcomeLetsEverySiblingFinishAndKeepsTheFailureInItsSlot() {
        AtomicInteger cancelled = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> reactor().everyOutcome(Flux.fromIterable(ABC), branch -> bFails(branch, cancelled), 3))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(3))
                .expectNext(Result.success("a"))
                .assertNext(b -> assertThat(b.error()).as("branch 1's outcome").hasMessage(B_FAILS))
                .expectNext(Result.success("c"))
                .expectComplete()
                .verify();

        assertThat(cancelled.get()).as("siblings cancelled").isZero();
    }

    /** The edge builds the core with the constructor's scheduler: each branch runs on it, not on the caller's thread. */
    @Test
    @Hint("subscribeOn the scheduler the class was given: never a hard-wired one.")
    void theBranchesRunOnTheSchedulerTheCoreWasGiven() {
        Scheduler given = Schedulers.newSingle("lab06-test-given");
        try {
            assertThat(new ReactorFanOut(given).gather(List.of(() -> Thread.currentThread().getName())))
                    .as("the thread branch 0 ran on").singleElement().asString().startsWith("lab06-test-given");
        } finally {
            given.dispose();
        }
    }

    @Test
    @Hint("subscribeOn the scheduler the class was given: never a hard-wired one.")
    void rxJavaBranchesRunOnTheSchedulerTheCoreWasGiven() {
        ExecutorService pool = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("lab06-test-given-rx").factory());
        try {
            assertThat(new RxJavaFanOut(io.reactivex.rxjava3.schedulers.Schedulers.from(pool)).gather(List.of(() -> Thread.currentThread().getName())))
                    .as("the thread branch 0 ran on").containsExactly("lab06-test-given-rx");
        } finally {
            Threads.shutdownAndAwait("the test's pool", pool, false, null);
        }
    }

    @Test
    @Hint("RxJava's concatMapEager is Reactor's flatMapSequential: subscribe to all, emit in branch order.")
    void rxJavaConcatMapEagerIsFlatMapSequential() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<String> results = new RxJavaFanOut(clock).inBranchOrder(Flowable.fromIterable(ABC), branch -> timed(branch, clock), 3).test();

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        results.assertNoValues(); // b and c done, waiting behind a
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        results.assertValues("a", "b", "c").assertComplete();
    }

    @Test
    @Hint("Fail fast: the first failure ends the answer at once, named by its branch, and the branches still running are disposed.")
    void rxJavaFirstFailureDisposesTheRunningSiblingsAndNamesItsBranch() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger disposed = new AtomicInteger();
        TestSubscriber<String> results = new RxJavaFanOut(clock).inBranchOrder(Flowable.fromIterable(ABC), branch -> bFails(branch, clock, disposed), 3).test();

        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        results.assertNoValues().assertError(e -> e instanceof BranchFailedException
                && e.getMessage().equals("branch 1 failed: java.lang.IllegalStateException: " + B_FAILS));
        assertThat(disposed.get()).as("running siblings disposed").isEqualTo(2);
    }

    @Test
    @Hint("Delay errors: a branch's failure becomes its outcome, in its slot, so no sibling is disposed and the answer waits for the slowest.")
    void rxJavaEveryOutcomeLetsEverySiblingFinishAndKeepsTheFailureInItsSlot() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger disposed = new AtomicInteger();
        TestSubscriber<Result<String>> results = new RxJavaFanOut(clock).everyOutcome(Flowable.fromIterable(ABC), branch -> bFails(branch, clock, disposed), 3).test();

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        results.assertNoValues().assertNoErrors();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        results.assertValueCount(3).assertComplete();
        assertThat(results.values().get(0)).as("branch 0's outcome").isEqualTo(Result.success("a"));
        assertThat(results.values().get(1).error()).as("branch 1's outcome").hasMessage(B_FAILS);
        assertThat(results.values().get(2)).as("branch 2's outcome").isEqualTo(Result.success("c"));
        assertThat(disposed.get()).as("siblings disposed").isZero();
    }
}
