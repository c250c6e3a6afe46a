package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The consumer's cores, {@link ReactorDeadlines} and {@link RxJavaDeadlines}, on a virtual-time
 * scheduler given to their constructors: the service takes its time on the virtual clock
 * ({@code a} 4 ms, {@code b} 15 ms, {@code c} 3 ms, as in the diagrams), so each timeout fires at a
 * known instant, the same on every run.
 */
class DeadlinesInVirtualTimeTest {

    private static final Duration BUDGET = Duration.ofMillis(10);
    private static final Map<String, Duration> WORK = Map.of("a", Duration.ofMillis(4), "b", Duration.ofMillis(15), "c", Duration.ofMillis(3));

    private static Mono<String> service(String item) {
        return Mono.delay(WORK.get(item)).thenReturn(item.toUpperCase());
    }

    private static Single<String> service(TestScheduler clock, String item) {
        return Single.timer(WORK.get(item).toMillis(), TimeUnit.MILLISECONDS, clock).map(t -> item.toUpperCase());
    }

    private static String drawn(Settled<String, String> settled) {
        return settled.delivered() ? settled.item() + "=" + settled.answer() : settled.item() + " expired";
    }

    @Test
    @Hint("timeout(budget, fallback) on each item's own Mono, inside concatMap: the fallback settles that item and the stream goes on.")
    void aLateItemIsSettledExpiredByTheFallbackAndTheNextItemGoesOn() {
        StepVerifier.withVirtualTime(() -> new ReactorDeadlines(VirtualTimeScheduler.get())
                        .eachWithin(Flux.just("a", "b", "c"), BUDGET, DeadlinesInVirtualTimeTest::service).map(DeadlinesInVirtualTimeTest::drawn))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4)).expectNext("a=A")
                .expectNoEvent(Duration.ofMillis(10)).expectNext("b expired")   // 4 + 10: its budget, not its 15 ms
                .expectNoEvent(Duration.ofMillis(3)).expectNext("c=C")
                .verifyComplete();
    }

    @Test
    @Hint("The late item's service call is cancelled by the timeout: its answer, 1 ms later, must never be reported.")
    void theLateItemsServiceCallIsCancelledAndItsAnswerNeverReported() {
        AtomicInteger cancelled = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> new ReactorDeadlines(VirtualTimeScheduler.get())
                        .eachWithin(Flux.just("b"), BUDGET, item -> service(item).doOnCancel(cancelled::incrementAndGet))
                        .map(DeadlinesInVirtualTimeTest::drawn))
                .expectSubscription()
                .expectNoEvent(BUDGET).expectNext("b expired")
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(cancelled.get()).as("the late item's service calls cancelled").isEqualTo(1);
    }

    /**
     * The failure theme "a timeout that fires after the value arrived": the service answers in
     * exactly its budget. The operator lets one signal through — here the fallback: the timeout's
     * timer was scheduled first, and tasks due together run in that order — and the answer, arriving
     * in the same instant, finds the item settled: one result, never two.
     */
    @Test
    @Hint("timeout lets exactly one signal through for the item: the answer or the fallback, decided once.")
    void anAnswerThatArrivesAtTheInstantTheTimeoutFiresIsReportedExactlyOnce() {
        StepVerifier.withVirtualTime(() -> new ReactorDeadlines(VirtualTimeScheduler.get())
                        .eachWithin(Flux.just("x"), BUDGET, item -> Mono.delay(BUDGET).thenReturn("X"))
                        .map(DeadlinesInVirtualTimeTest::drawn))
                .expectSubscription()
                .expectNoEvent(BUDGET)
                .expectNext("x expired")
                .verifyComplete();
    }

    @Test
    @Hint("Without a fallback a timeout is an error; an error ends the whole stream, so the items after it are never settled.")
    void withoutAFallbackTheFirstLateItemFailsTheStreamAndTheRestAreNeverSettled() {
        AtomicInteger started = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> new ReactorDeadlines(VirtualTimeScheduler.get())
                        .eachOrFail(Flux.just("a", "b", "c"), BUDGET, item -> {
                            started.incrementAndGet();
                            return service(item);
                        })
                        .map(DeadlinesInVirtualTimeTest::drawn))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4)).expectNext("a=A")
                .expectNoEvent(BUDGET)
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(started.get()).as("items handed to the service: c never was").isEqualTo(2);
    }

    /** Guards against buffer(maxSize) (never lets a lone item go) and buffer(maxWait) (never lets a full batch go early). */
    @Test
    @Hint("bufferTimeout: a full batch goes at once; a partial one goes maxWait after its first item.")
    void bufferTimeoutLetsABatchGoWhenFullOrMaxWaitAfterItsFirstItem() {
        StepVerifier.withVirtualTime(() -> new ReactorDeadlines(VirtualTimeScheduler.get())
                        .batches(Flux.concat(Flux.just("a", "b", "c"), Mono.delay(Duration.ofMillis(5)).thenReturn("d"),
                                Flux.just("e", "f").delaySubscription(Duration.ofMillis(18)), Mono.delay(Duration.ofMillis(16)).then(Mono.empty())),
                                3, BUDGET))
                .expectSubscription()
                .expectNext(List.of("a", "b", "c"))
                .expectNoEvent(Duration.ofMillis(15)).expectNext(List.of("d"))
                .expectNoEvent(Duration.ofMillis(18)).expectNext(List.of("e", "f"))
                .expectNoEvent(Duration.ofMillis(6))
                .expectComplete()
                .verify(Duration.ofSeconds(5)); // bounded: with buffer(maxSize) the lone d never comes, and the wait for it must fail, not hang
    }

    /** Guards against a fixed budget per stage: b and c would run on past their deadline and be "delivered" late. */
    @Test
    @Hint("Fix the deadline when the item arrives, and give each stage only what is left of it when the stage starts.")
    void aDeadlineFixedOnArrivalIsSharedByTheWaitAndBothStages() {
        Duration stage = Duration.ofMillis(3);
        StepVerifier.withVirtualTime(() -> new ReactorDeadlines(VirtualTimeScheduler.get())
                        .beforeDeadline(Flux.just("a", "b", "c"), BUDGET, item -> Mono.delay(stage).thenReturn(item), item -> Mono.delay(stage).thenReturn(item))
                        .map(DeadlinesInVirtualTimeTest::drawn))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(6)).expectNext("a=a")
                .expectNoEvent(Duration.ofMillis(4)).expectNext("b expired", "c expired")
                .verifyComplete();
    }

    @Test
    @Hint("Check every argument first: one line, and nothing subscribed.")
    void badInputIsRefusedWithOneLineBeforeAnythingIsSubscribed() {
        ReactorDeadlines reactor = new ReactorDeadlines(VirtualTimeScheduler.create());
        assertThatThrownBy(() -> reactor.eachWithin(Flux.just("a"), Duration.ZERO, DeadlinesInVirtualTimeTest::service))
                .hasMessage("budget must be positive (got 0 ms)");
        assertThatThrownBy(() -> reactor.batches(Flux.just("a"), 0, BUDGET)).hasMessage("maxSize must be >= 1 (got 0)");
        assertThatThrownBy(() -> reactor.batches(Flux.just("a"), 3, Duration.ofMillis(-1))).hasMessage("maxWait must be positive (got -1 ms)");
        assertThatThrownBy(() -> new RxJavaDeadlines(new TestScheduler()).eachOrFail(Flowable.just("a"), BUDGET, null))
                .hasMessage("service must not be null");
    }

    // ---- RxJava, on a TestScheduler

    @Test
    @Hint("Single.timeout(budget, unit, scheduler, fallback) inside concatMapSingle: the late item expires, the next goes on.")
    void rxJavaLateItemIsSettledExpiredAndTheNextGoesOn() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<String> settled = new RxJavaDeadlines(clock)
                .eachWithin(Flowable.just("a", "b", "c"), BUDGET, item -> service(clock, item)).map(DeadlinesInVirtualTimeTest::drawn).test();

        clock.advanceTimeBy(4, TimeUnit.MILLISECONDS);
        settled.assertValues("a=A");
        clock.advanceTimeBy(10, TimeUnit.MILLISECONDS);
        settled.assertValues("a=A", "b expired");
        clock.advanceTimeBy(3, TimeUnit.MILLISECONDS);
        settled.assertValues("a=A", "b expired", "c=C").assertComplete();
    }

    @Test
    @Hint("Without a fallback, RxJava's timeout fails the stream too: c is never handed to the service.")
    void rxJavaWithoutAFallbackTheFirstLateItemFailsTheStream() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<String> settled = new RxJavaDeadlines(clock)
                .eachOrFail(Flowable.just("a", "b", "c"), BUDGET, item -> service(clock, item)).map(DeadlinesInVirtualTimeTest::drawn).test();

        clock.advanceTimeBy(14, TimeUnit.MILLISECONDS);
        settled.assertValues("a=A").assertError(TimeoutException.class);
    }

    @Test
    @Hint("RxJava's timed buffer cuts windows on its own clock and sends what each holds when it closes, an empty list too.")
    void rxJavaTimedBufferCutsFixedWindowsAndSendsEmptyOnes() {
        TestScheduler clock = new TestScheduler();
        Flowable<String> items = Flowable.concat(Flowable.just("a", "b", "c"), Flowable.timer(5, TimeUnit.MILLISECONDS, clock).map(t -> "d"));
        TestSubscriber<List<String>> batches = new RxJavaDeadlines(clock).batches(items.concatWith(Flowable.never()), 3, BUDGET).test();

        clock.advanceTimeBy(30, TimeUnit.MILLISECONDS);
        batches.assertValues(List.of("a", "b", "c"), List.of("d"), List.of(), List.of());
        batches.cancel();
    }

    @Test
    @Hint("Same rule as Reactor: the deadline is fixed on arrival; each stage gets what is left.")
    void rxJavaDeadlineFixedOnArrivalIsSharedByTheWaitAndBothStages() {
        TestScheduler clock = new TestScheduler();
        TestSubscriber<String> settled = new RxJavaDeadlines(clock)
                .beforeDeadline(Flowable.just("a", "b", "c"), BUDGET,
                        item -> Single.timer(3, TimeUnit.MILLISECONDS, clock).map(t -> item),
                        item -> Single.timer(3, TimeUnit.MILLISECONDS, clock).map(t -> item))
                .map(DeadlinesInVirtualTimeTest::drawn).test();

        clock.advanceTimeBy(6, TimeUnit.MILLISECONDS);
        settled.assertValues("a=a");
        clock.advanceTimeBy(4, TimeUnit.MILLISECONDS);
        settled.assertValues("a=a", "b expired", "c expired").assertComplete();
    }
}
