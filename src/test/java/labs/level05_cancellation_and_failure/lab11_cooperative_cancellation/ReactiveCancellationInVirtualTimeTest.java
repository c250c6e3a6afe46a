package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The failure themes in virtual time, on the shipped reactive core —
 * {@link ReactorJobRunner#items}/{@link ReactorJobRunner#itemsUntil} and their {@link RxJavaJobRunner}
 * twins, built with a virtual-time scheduler. A step "works" its duration on the virtual clock
 * ({@code Mono.delay}, {@code Maybe.timer}), so an hour of steps runs in milliseconds, the same way
 * every time. A log records, with the virtual time, every step that starts or is cancelled, every
 * item, the release and the end, so each test states the order of what happened, not only the count.
 */
class ReactiveCancellationInVirtualTimeTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    /** What happened, with the virtual time in ms: "1000 item 0", "2500 released". */
    private static final class Log {
        private final List<String> events = new CopyOnWriteArrayList<>();
        private final LongSupplier clock;

        Log(LongSupplier clock) {
            this.clock = clock;
        }

        void add(String event) {
            events.add(clock.getAsLong() + " " + event);
        }

        Resource acquire() {
            add("acquired");
            return () -> add("released");
        }

        List<String> events() {
            return List.copyOf(events);
        }
    }

    private static Log reactorLog() {
        return new Log(() -> VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS));
    }

    /** Reactor: step i works {@code length} on the virtual clock, then emits i — or fails, where {@code fails} says. */
    private static Mono<Long> step(Log log, int index, Duration length, IntPredicate fails) {
        return Mono.delay(length, VirtualTimeScheduler.get())
                .flatMap(tick -> fails.test(index) ? Mono.<Long>error(new IllegalStateException("step " + index + " breaks")) : Mono.just((long) index))
                .doOnSubscribe(s -> log.add("step " + index + " starts"))
                .doOnCancel(() -> log.add("step " + index + " cancelled"));
    }

    private static Flux<Long> job(Log log, int steps, Duration length, IntPredicate fails) {
        return new ReactorJobRunner(VirtualTimeScheduler.get())
                .items(log::acquire, Flux.range(0, steps), (resource, index) -> step(log, index, length, fails))
                .doOnNext(item -> log.add("item " + item))
                .doOnComplete(() -> log.add("completed"))
                .doOnError(e -> log.add("failed: " + e.getMessage()));
    }

    @Test
    @Hint("usingWhen releases after the last step and before the completion goes on: the subscriber never sees 'done' with the resource still held.")
    void aJobNobodyStopsEmitsAnItemPerStepAndReleasesBeforeItCompletes() {
        Log[] log = new Log[1];
        StepVerifier.withVirtualTime(() -> job(log[0] = reactorLog(), 3, SECOND, index -> false))
                .expectSubscription()
                .expectNoEvent(SECOND).expectNext(0L)
                .expectNoEvent(SECOND).expectNext(1L)
                .expectNoEvent(SECOND).expectNext(2L)
                .verifyComplete();

        assertThat(log[0].events()).as("what happened, in virtual ms").containsExactly(
                "0 acquired", "0 step 0 starts", "1000 item 0", "1000 step 1 starts", "2000 item 1", "2000 step 2 starts",
                "3000 item 2", "3000 released", "3000 completed");
    }

    @Test
    @Hint("takeUntilOther completes the flux at the stop and cancels what is upstream: the step in progress is cancelled, the resource released at that instant.")
    void takeUntilOtherStopsTheRunningStepAndReleasesAtTheStop() {
        Log[] log = new Log[1];
        StepVerifier.withVirtualTime(() -> {
                    log[0] = reactorLog();
                    return new ReactorJobRunner(VirtualTimeScheduler.get())
                            .itemsUntil(log[0]::acquire, Flux.range(0, 5), (resource, index) -> step(log[0], index, SECOND, i -> false),
                                    Mono.delay(Duration.ofMillis(2500), VirtualTimeScheduler.get()));
                })
                .expectSubscription()
                .expectNoEvent(SECOND).expectNext(0L)
                .expectNoEvent(SECOND).expectNext(1L)
                .expectNoEvent(Duration.ofMillis(500))
                .verifyComplete();

        assertThat(log[0].events()).as("what happened, in virtual ms").containsExactly(
                "0 acquired", "0 step 0 starts", "1000 step 1 starts", "2000 step 2 starts", "2500 step 2 cancelled", "2500 released");
    }

    @Test
    @Hint("A failing step ends the job: the cleanup runs first, then the error goes on; no later step starts.")
    void aFailingStepReleasesBeforeTheErrorReachesTheSubscriber() {
        Log[] log = new Log[1];
        StepVerifier.withVirtualTime(() -> job(log[0] = reactorLog(), 4, SECOND, index -> index == 1))
                .expectSubscription()
                .expectNoEvent(SECOND).expectNext(0L)
                .expectNoEvent(SECOND)
                .verifyErrorMessage("step 1 breaks");

        assertThat(log[0].events()).as("what happened, in virtual ms").containsExactly(
                "0 acquired", "0 step 0 starts", "1000 item 0", "1000 step 1 starts", "2000 released", "2000 failed: step 1 breaks");
    }

    @Test
    @Hint("A subscriber's cancel travels up: the running step is cancelled and the resource released at that instant — no step starts after it.")
    void aSubscriberThatCancelsReleasesAtOnceAndNoStepStartsAfter() {
        // Not StepVerifier: it disposes its virtual clock when it verifies, and the point here is what
        // happens on the same clock after the cancel. The clock installed here is removed in finally.
        VirtualTimeScheduler clock = VirtualTimeScheduler.getOrSet();
        try {
            Log log = reactorLog();
            List<Long> items = new CopyOnWriteArrayList<>();
            Disposable subscription = job(log, 4, SECOND, index -> false).subscribe(items::add);
            clock.advanceTimeBy(Duration.ofMillis(1500));
            subscription.dispose();
            clock.advanceTimeBy(Duration.ofHours(1)); // nothing starts later either

            assertThat(items).as("items the subscriber received").containsExactly(0L);
            assertThat(log.events()).as("what happened, in virtual ms").containsExactly(
                    "0 acquired", "0 step 0 starts", "1000 item 0", "1000 step 1 starts", "1500 step 1 cancelled", "1500 released");
        } finally {
            VirtualTimeScheduler.reset();
        }
    }

    @Test
    void anHourOfOneMinuteStepsStoppedAtFortyMinutesThirtyHasFortyItemsAndReleasesThen() {
        Log[] log = new Log[1];
        StepVerifier.withVirtualTime(() -> {
                    log[0] = reactorLog();
                    return new ReactorJobRunner(VirtualTimeScheduler.get())
                            .itemsUntil(log[0]::acquire, Flux.range(0, 60), (resource, index) -> step(log[0], index, Duration.ofMinutes(1), i -> false),
                                    Mono.delay(Duration.ofMinutes(40).plusSeconds(30), VirtualTimeScheduler.get()));
                })
                .expectSubscription()
                .thenAwait(Duration.ofHours(2))
                .expectNextCount(40)
                .verifyComplete();

        assertThat(log[0].events()).as("the last three events").endsWith(
                "2400000 step 40 starts", "2430000 step 40 cancelled", "2430000 released");
        assertThat(log[0].events().stream().filter(e -> e.endsWith("released"))).as("releases").hasSize(1);
    }

    /** Each step's work runs on the scheduler the core was given — here a named one, not a virtual clock. */
    @Test
    @Hint("subscribeOn the scheduler given to the constructor, on each step's work — not a scheduler you pick.")
    void theStepsRunOnTheSchedulerTheCoreWasGiven() {
        Scheduler given = Schedulers.newSingle("lab11-test-given");
        try {
            List<String> threads = new ReactorJobRunner(given)
                    .items(() -> () -> { }, Flux.range(0, 2), (resource, index) -> Mono.fromCallable(() -> Thread.currentThread().getName()))
                    .collectList().block(Duration.ofSeconds(10));
            assertThat(threads).as("threads the steps ran on").allSatisfy(name -> assertThat(name).startsWith("lab11-test-given"));
        } finally {
            given.dispose();
        }
    }

    // --- RxJava: the same core, on a TestScheduler ---

    private static Maybe<Long> step(TestScheduler clock, Log log, int index, long seconds, IntPredicate fails) {
        return Maybe.timer(seconds, TimeUnit.SECONDS, clock)
                .flatMap(tick -> fails.test(index) ? Maybe.<Long>error(new IllegalStateException("step " + index + " breaks")) : Maybe.just((long) index))
                .doOnSubscribe(d -> log.add("step " + index + " starts"))
                .doOnDispose(() -> log.add("step " + index + " cancelled"));
    }

    private static TestSubscriber<Long> rxJob(TestScheduler clock, Log log, int steps, IntPredicate fails, Flowable<Long> stop) {
        return new RxJavaJobRunner(clock)
                .itemsUntil(log::acquire, Flowable.range(0, steps), (resource, index) -> step(clock, log, index, 1, fails), stop)
                .doOnNext(item -> log.add("item " + item))
                .doOnComplete(() -> log.add("completed"))
                .doOnError(e -> log.add("failed: " + e.getMessage()))
                .test();
    }

    @Test
    @Hint("Flowable.using with eager = true: the release comes before the completion reaches the subscriber.")
    void rxJavaJobNobodyStopsReleasesBeforeItCompletes() {
        TestScheduler clock = new TestScheduler();
        Log log = new Log(() -> clock.now(TimeUnit.MILLISECONDS));
        TestSubscriber<Long> items = rxJob(clock, log, 3, index -> false, Flowable.never());

        clock.advanceTimeBy(3, TimeUnit.SECONDS);

        items.assertValues(0L, 1L, 2L).assertComplete();
        assertThat(log.events()).as("what happened, in virtual ms").containsExactly(
                "0 acquired", "0 step 0 starts", "1000 item 0", "1000 step 1 starts", "2000 item 1", "2000 step 2 starts",
                "3000 item 2", "3000 released", "3000 completed");
    }

    @Test
    @Hint("RxJava's takeUntilOther is takeUntil(Publisher): it disposes the step in progress and the using releases at the stop.")
    void rxJavaTakeUntilStopsTheRunningStepAndReleasesAtTheStop() {
        TestScheduler clock = new TestScheduler();
        Log log = new Log(() -> clock.now(TimeUnit.MILLISECONDS));
        TestSubscriber<Long> items = rxJob(clock, log, 5, index -> false, Flowable.timer(2500, TimeUnit.MILLISECONDS, clock));

        clock.advanceTimeBy(1, TimeUnit.HOURS);

        items.assertValues(0L, 1L).assertComplete();
        assertThat(log.events()).as("what happened, in virtual ms").containsExactly(
                "0 acquired", "0 step 0 starts", "1000 item 0", "1000 step 1 starts", "2000 item 1", "2000 step 2 starts",
                "2500 released", "2500 step 2 cancelled", "2500 completed");
    }

    @Test
    void rxJavaFailingStepReleasesBeforeTheErrorReachesTheSubscriber() {
        TestScheduler clock = new TestScheduler();
        Log log = new Log(() -> clock.now(TimeUnit.MILLISECONDS));
        TestSubscriber<Long> items = rxJob(clock, log, 4, index -> index == 1, Flowable.never());

        clock.advanceTimeBy(1, TimeUnit.HOURS);

        items.assertValues(0L).assertError(IllegalStateException.class);
        assertThat(log.events()).as("what happened, in virtual ms").containsExactly(
                "0 acquired", "0 step 0 starts", "1000 item 0", "1000 step 1 starts", "2000 released", "2000 failed: step 1 breaks");
    }

    @Test
    void rxJavaSubscriberThatCancelsReleasesAtOnceAndNoStepStartsAfter() {
        TestScheduler clock = new TestScheduler();
        Log log = new Log(() -> clock.now(TimeUnit.MILLISECONDS));
        TestSubscriber<Long> items = rxJob(clock, log, 4, index -> false, Flowable.never());

        clock.advanceTimeBy(1500, TimeUnit.MILLISECONDS);
        items.cancel();
        clock.advanceTimeBy(1, TimeUnit.HOURS);

        items.assertValues(0L).assertNotComplete();
        assertThat(log.events()).as("what happened, in virtual ms").containsExactly(
                "0 acquired", "0 step 0 starts", "1000 item 0", "1000 step 1 starts", "1500 released", "1500 step 1 cancelled");
    }
}
