package labs.level03_message_passing.lab06_fan_out_fan_in;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The library operators the lab's core was chosen against — {@code flatMap} (completion order),
 * {@code concatMap} (one at a time), {@code merge} (fail fast, nothing kept) and
 * {@code mergeDelayError} (the error last) — on the input {@link ReactiveFanOutInVirtualTimeTest}
 * gives the core: three branches a, b, c take 3 s, 1 s and 2 s, so they finish b, c, a.
 */
class FanOutOperatorsComparedInVirtualTimeTest {

    private static final List<String> BRANCHES = List.of("a", "b", "c");
    private static final Duration SECOND = Duration.ofSeconds(1);

    private static Duration took(String branch) {
        return Duration.ofSeconds(switch (branch) {
            case "a" -> 3;
            case "b" -> 1;
            default -> 2;
        });
    }

    private static Mono<String> branch(String name) {
        return Mono.delay(took(name)).thenReturn(name);
    }

    @Test
    void flatMapEmitsInCompletionOrderAndIsDoneWhenTheSlowestIs() {
        StepVerifier.withVirtualTime(() -> Flux.fromIterable(BRANCHES).flatMap(FanOutOperatorsComparedInVirtualTimeTest::branch))
                .expectSubscription()
                .expectNoEvent(SECOND).expectNext("b")
                .expectNoEvent(SECOND).expectNext("c")
                .expectNoEvent(SECOND).expectNext("a")
                .expectComplete()
                .verify();
    }

    @Test
    void concatMapKeepsTheOrderByRunningOneBranchAtATimeSoItTakesTheSumOfTheirTimes() {
        StepVerifier.withVirtualTime(() -> Flux.fromIterable(BRANCHES).concatMap(FanOutOperatorsComparedInVirtualTimeTest::branch))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(3)).expectNext("a")
                .expectNoEvent(Duration.ofSeconds(1)).expectNext("b")
                .expectNoEvent(Duration.ofSeconds(2)).expectNext("c")
                .expectComplete()
                .verify();
    }

    @Test
    void mergeCancelsTheSiblingsAtTheFirstErrorAndKeepsNoPartialResult() {
        AtomicInteger cancelled = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> Flux.merge(
                        branch("a").doOnCancel(cancelled::incrementAndGet),
                        Mono.delay(SECOND).then(Mono.<String>error(new IllegalStateException("b fails at 1 s"))),
                        branch("c").doOnCancel(cancelled::incrementAndGet)))
                .expectSubscription()
                .expectNoEvent(SECOND)
                .expectErrorMessage("b fails at 1 s")
                .verify();

        assertThat(cancelled.get()).as("siblings cancelled").isEqualTo(2);
    }

    @Test
    void mergeDelayErrorLetsTheSiblingsFinishThenReportsTheErrorAfterThePartialResults() {
        AtomicInteger cancelled = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> Flux.mergeDelayError(1,
                        branch("a").doOnCancel(cancelled::incrementAndGet),
                        Mono.delay(SECOND).then(Mono.<String>error(new IllegalStateException("b fails at 1 s"))),
                        branch("c").doOnCancel(cancelled::incrementAndGet)))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(2)).expectNext("c")
                .expectNoEvent(SECOND).expectNext("a")
                .expectErrorMessage("b fails at 1 s") // at 3 s, not at 1 s
                .verify();

        assertThat(cancelled.get()).as("siblings cancelled").isZero();
    }

    @Test
    void rxJavaFlatMapEmitsInCompletionOrder() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<String> results = Flowable.fromIterable(BRANCHES)
                .flatMap(name -> Flowable.timer(took(name).toSeconds(), TimeUnit.SECONDS, clock).map(t -> name)).test();

        clock.advanceTimeBy(3, TimeUnit.SECONDS);
        results.assertValues("b", "c", "a").assertComplete();
    }

    @Test
    void rxJavaMergeCancelsSiblingsWhileMergeDelayErrorKeepsThePartialResults() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger cancelled = new AtomicInteger();
        Flowable<String> a = Flowable.timer(3, TimeUnit.SECONDS, clock).map(t -> "a").doOnCancel(cancelled::incrementAndGet);
        Flowable<String> b = Flowable.timer(1, TimeUnit.SECONDS, clock).flatMap(t -> Flowable.<String>error(new IllegalStateException("b fails at 1 s")));
        Flowable<String> c = Flowable.timer(2, TimeUnit.SECONDS, clock).map(t -> "c").doOnCancel(cancelled::incrementAndGet);

        TestSubscriber<String> failFast = Flowable.merge(a, b, c).test();
        TestSubscriber<String> delayed = Flowable.mergeDelayError(a, b, c).test();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);

        failFast.assertNoValues().assertError(IllegalStateException.class);
        assertThat(cancelled.get()).as("merge cancelled a and c").isEqualTo(2);
        delayed.assertNoValues().assertNoErrors();
        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        delayed.assertValues("c", "a").assertError(e -> e.getMessage().equals("b fails at 1 s"));
        assertThat(cancelled.get()).as("mergeDelayError cancelled nothing").isEqualTo(2);
    }
}
