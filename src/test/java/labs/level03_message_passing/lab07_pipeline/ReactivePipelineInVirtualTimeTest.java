package labs.level03_message_passing.lab07_pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import labs.support.Hint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The lab's failure themes, injected into the shipped reactive core —
 * {@link ReactorPipeline#assemble(Flux, List, long, BiFunction)} and
 * {@link RxJavaPipeline#assemble(Flowable, List, long, io.reactivex.rxjava3.functions.BiFunction)},
 * every stage given the virtual-time scheduler — with timed work: a slow stage "takes" its time on the
 * virtual clock before it runs ({@code Mono.delay}, {@code Single.timer}), every other stage runs
 * inline as {@code process} runs it. An hour of a slow stage costs milliseconds, and every count is exact.
 */
class ReactivePipelineInVirtualTimeTest {

    private static final int BUFFER = 4;
    private static final Duration SECOND = Duration.ofSeconds(1);
    /** fast (x10, inline) → slow (1 s per item). */
    private static final List<Stage> FAST_THEN_SLOW = List.of(new Stage("fast", x -> x * 10), new Stage("slow", x -> x));
    /** stage1 (1 s) → check (fails on item 3, inline) → stage3 (2 s). */
    private static final List<Stage> FAILS_IN_THE_MIDDLE = List.of(
            new Stage("stage1", x -> x),
            new Stage("check", x -> {
                if (x == 3) {
                    throw new IllegalStateException("item 3 is bad");
                }
                return x;
            }),
            new Stage("stage3", x -> x));
    private static final String CHECK_FAILED = "stage 'check' failed on item 3: java.lang.IllegalStateException: item 3 is bad";

    /** The contract's in-flight bound for {@link #FAST_THEN_SLOW}: (2 + 1) × (4 + 1) = 15. */
    private static final long TWO_STAGE_BOUND = new ReactorPipeline(FAST_THEN_SLOW, BUFFER).inFlightBound();

    private final Queue<Throwable> dropped = new ConcurrentLinkedQueue<>();

    @AfterEach
    void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    /** Reactor: a stage named in {@code seconds} takes that long on the virtual clock, then runs; the others run inline. */
    private static BiFunction<Stage, Long, Mono<Long>> timed(Map<String, Integer> seconds) {
        return (stage, item) -> seconds.containsKey(stage.name())
                ? Mono.delay(Duration.ofSeconds(seconds.get(stage.name()))).map(tick -> stage.apply(item))
                : Mono.fromCallable(() -> stage.apply(item));
    }

    private static Flux<Long> reactor(List<Stage> stages, Flux<Long> source, long limit, Map<String, Integer> seconds) {
        return new ReactorPipeline(stages, BUFFER)
                .assemble(source, Collections.nCopies(stages.size(), VirtualTimeScheduler.get()), limit, timed(seconds));
    }

    private static Flowable<Long> rxJava(TestScheduler clock, List<Stage> stages, Flowable<Long> source, long limit, Map<String, Integer> seconds) {
        return new RxJavaPipeline(stages, BUFFER).assemble(source, Collections.nCopies(stages.size(), clock), limit,
                (stage, item) -> seconds.containsKey(stage.name())
                        ? Single.timer(seconds.get(stage.name()), TimeUnit.SECONDS, clock).map(tick -> stage.apply(item))
                        : Single.fromCallable(() -> stage.apply(item)));
    }

    @Test
    @Hint("Each boundary holds at most 'buffer' items and its stage one more; nothing between them may queue without a limit.")
    void aSlowStageKeepsTheItemsInFlightWithinTheBoundHourAfterHour() {
        AtomicLong pulled = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        AtomicLong maxInFlight = new AtomicLong();

        StepVerifier.withVirtualTime(() -> reactor(FAST_THEN_SLOW, Flux.range(0, 100_000).map(Long::valueOf).doOnNext(x -> pulled.incrementAndGet()),
                                Long.MAX_VALUE, Map.of("slow", 1))
                        // in flight as an item reaches the consumer: pulled, less those delivered before it
                        .doOnNext(x -> maxInFlight.accumulateAndGet(pulled.get() - delivered.getAndIncrement(), Math::max)))
                .expectSubscription()
                .then(() -> assertThat(pulled.get()).as("items pulled at t = 0 (bound %d)", TWO_STAGE_BOUND).isBetween(1L, TWO_STAGE_BOUND))
                .thenAwait(Duration.ofHours(1))
                .expectNextCount(3600)
                .then(() -> assertThat(pulled.get() - delivered.get()).as("items in flight after an hour (bound %d)", TWO_STAGE_BOUND)
                        .isBetween(1L, TWO_STAGE_BOUND))
                .thenCancel()
                .verify();

        assertThat(maxInFlight.get()).as("most items in flight at any delivery (bound %d)", TWO_STAGE_BOUND).isLessThanOrEqualTo(TWO_STAGE_BOUND);
    }

    /**
     * Guards against the tempting "fix" for a slow stage, an unbounded buffer in front of it
     * ({@code onBackpressureBuffer()}): that asks the source for everything at once.
     */
    @Test
    @Hint("A boundary asks upstream for 'buffer' items, then for more only as its stage takes them; it never asks for everything.")
    void theSourceIsAskedForAtMostABufferAtATimeNeverEverything() {
        Queue<Long> requests = new ConcurrentLinkedQueue<>();

        StepVerifier.withVirtualTime(() -> reactor(FAST_THEN_SLOW, Flux.range(0, 100_000).map(Long::valueOf).hide().doOnRequest(requests::add),
                        Long.MAX_VALUE, Map.of("slow", 1)))
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(1))
                .expectNextCount(60)
                .thenCancel()
                .verify();

        assertThat(requests).as("each request(n) the source received").isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(1L, (long) BUFFER));
    }

    @Test
    @Hint("take(limit) cancels upstream once it has its items; the cancel must travel through every boundary to the source.")
    void cancellingDownstreamStopsTheSourceWithinTheBoundAndForGood() {
        AtomicLong pulled = new AtomicLong();
        AtomicInteger sourceCancelled = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> reactor(FAST_THEN_SLOW, Flux.range(0, 100_000).map(Long::valueOf)
                        .doOnNext(x -> pulled.incrementAndGet()).doOnCancel(sourceCancelled::incrementAndGet), 5, Map.of("slow", 1)))
                .expectSubscription()
                .expectNoEvent(SECOND).expectNext(0L)
                .thenAwait(Duration.ofSeconds(4)).expectNext(10L, 20L, 30L, 40L)
                .expectComplete()
                .verify();

        assertThat(sourceCancelled.get()).as("cancels the source received").isOne();
        assertThat(pulled.get()).as("items pulled for 5 outputs (bound %d)", TWO_STAGE_BOUND).isLessThanOrEqualTo(5 + TWO_STAGE_BOUND);
    }

    /**
     * stage1 (1 s) → check, which fails on item 3 → stage3 (2 s). Item 3 fails at t = 4 s, while
     * item 1 is in stage3 and item 2 in the boundary before it. With {@code delayError = false} the
     * error overtakes them and reaches the end at once; nothing is dropped, nothing reported twice.
     */
    @Test
    @Hint("An async boundary can hold an error back behind the items queued in it, or let it overtake them: a pipeline wants the stages downstream stopped at once.")
    void aMidStageErrorOvertakesTheBufferedItemsAndIsReportedOnceAtFourSeconds() {
        Hooks.onErrorDropped(dropped::add);
        AtomicInteger sourceCancelled = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> reactor(FAILS_IN_THE_MIDDLE, Flux.range(0, 100).map(Long::valueOf).doOnCancel(sourceCancelled::incrementAndGet),
                        Long.MAX_VALUE, Map.of("stage1", 1, "stage3", 2)))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(3)).expectNext(0L)
                .expectNoEvent(SECOND).expectErrorSatisfies(e -> assertThat(e).as("the error at 4 s")
                        .isInstanceOf(StageFailedException.class).hasMessage(CHECK_FAILED))
                .verify();

        assertThat(sourceCancelled.get()).as("cancels the source received").isOne();
        assertThat(dropped).as("errors dropped by a second report").isEmpty();
    }

    /** Each stage runs on the scheduler given for it, not on one the core picks (virtual time would hide that: it replaces every Reactor scheduler). */
    @Test
    @Hint("The core is given one scheduler per stage: stage i runs on the i-th, not on one the core picks.")
    void eachStageRunsOnTheSchedulerTheCoreWasGivenForIt() {
        // lock-free: the stages add to it on non-blocking threads
        Queue<String> threads = new ConcurrentLinkedQueue<>();
        List<Stage> stages = List.of(
                new Stage("a", x -> record(threads, "a", x)),
                new Stage("b", x -> record(threads, "b", x)));
        Scheduler first = Schedulers.newSingle("lab07-test-first");
        Scheduler second = Schedulers.newSingle("lab07-test-second");
        try {
            assertThat(new ReactorPipeline(stages, BUFFER).assemble(Flux.just(1L, 2L), List.of(first, second), Long.MAX_VALUE).collectList().block())
                    .containsExactly(1L, 2L);
        } finally {
            first.dispose();
            second.dispose();
        }

        assertThat(threads).as("stage:thread for each item").allSatisfy(t -> assertThat(t).matches("a:lab07-test-first-.*|b:lab07-test-second-.*"))
                .hasSize(4);
    }

    private static long record(Queue<String> threads, String stage, long item) {
        threads.add(stage + ":" + Thread.currentThread().getName());
        return item;
    }

    @Test
    @Hint("Check the core's arguments when it is assembled, before any operator exists: one scheduler per stage, a limit of at least 1.")
    void theCoreRejectsAWrongNumberOfStageSchedulersBeforeAnythingIsBuilt() {
        ReactorPipeline reactor = new ReactorPipeline(FAST_THEN_SLOW, BUFFER);
        RxJavaPipeline rxJava = new RxJavaPipeline(FAST_THEN_SLOW, BUFFER);

        assertThatThrownBy(() -> reactor.assemble(Flux.empty(), List.of(Schedulers.immediate()), 1))
                .hasMessage("one scheduler per stage: 2 stages, 1 schedulers");
        assertThatThrownBy(() -> rxJava.assemble(Flowable.empty(), List.of(new TestScheduler()), 1))
                .hasMessage("one scheduler per stage: 2 stages, 1 schedulers");
        assertThatThrownBy(() -> reactor.assemble(Flux.empty(), Collections.nCopies(2, Schedulers.immediate()), 0))
                .hasMessage("limit must be >= 1 (got 0)");
    }

    @Test
    @Hint("A boundary requests at most 'buffer' items ahead; a stage that works on one item at a time holds one more, and nothing else may queue.")
    void rxJavaSlowStageKeepsTheItemsInFlightWithinTheBoundToo() {
        TestScheduler clock = new TestScheduler();
        AtomicLong pulled = new AtomicLong();
        TestSubscriber<Long> out = rxJava(clock, FAST_THEN_SLOW, Flowable.rangeLong(0, 100_000).doOnNext(x -> pulled.incrementAndGet()),
                Long.MAX_VALUE, Map.of("slow", 1)).test();

        clock.triggerActions();
        assertThat(pulled.get()).as("items pulled at t = 0 (bound %d)", TWO_STAGE_BOUND).isBetween(1L, TWO_STAGE_BOUND);
        clock.advanceTimeBy(1, TimeUnit.HOURS);
        out.assertValueCount(3600);
        assertThat(pulled.get() - 3600).as("items in flight after an hour (bound %d)", TWO_STAGE_BOUND).isBetween(1L, TWO_STAGE_BOUND);
        out.cancel();
    }

    @Test
    @Hint("An RxJava boundary asks upstream for its bufferSize, then replenishes as its stage takes items; nothing in front of it may ask for everything.")
    void rxJavaAsksTheSourceForAtMostABufferAtATimeToo() {
        TestScheduler clock = new TestScheduler();
        Queue<Long> requests = new ConcurrentLinkedQueue<>();
        TestSubscriber<Long> out = rxJava(clock, FAST_THEN_SLOW, Flowable.rangeLong(0, 100_000).hide().doOnRequest(requests::add),
                Long.MAX_VALUE, Map.of("slow", 1)).test();

        clock.advanceTimeBy(1, TimeUnit.MINUTES);
        out.assertValueCount(60);
        out.cancel();

        assertThat(requests).as("each request(n) the source received").isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(1L, (long) BUFFER));
    }

    @Test
    @Hint("take(limit) cancels upstream once it has its items; the cancel must travel through every boundary to the source.")
    void rxJavaCancellingDownstreamStopsTheSourceWithinTheBound() {
        TestScheduler clock = new TestScheduler();
        AtomicLong pulled = new AtomicLong();
        AtomicInteger sourceCancelled = new AtomicInteger();
        TestSubscriber<Long> out = rxJava(clock, FAST_THEN_SLOW, Flowable.rangeLong(0, 100_000)
                .doOnNext(x -> pulled.incrementAndGet()).doOnCancel(sourceCancelled::incrementAndGet), 5, Map.of("slow", 1)).test();

        clock.advanceTimeBy(5, TimeUnit.SECONDS);

        out.assertValues(0L, 10L, 20L, 30L, 40L).assertComplete();
        assertThat(sourceCancelled.get()).as("cancels the source received").isOne();
        assertThat(pulled.get()).as("items pulled for 5 outputs (bound %d)", TWO_STAGE_BOUND).isLessThanOrEqualTo(5 + TWO_STAGE_BOUND);
    }

    @Test
    @Hint("An RxJava boundary holds an error back behind its queued items unless told otherwise: a pipeline wants the stages downstream stopped at once.")
    void rxJavaMidStageErrorTearsDownAtOnceWithoutDelayError() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger sourceCancelled = new AtomicInteger();
        TestSubscriber<Long> out = rxJava(clock, FAILS_IN_THE_MIDDLE, Flowable.rangeLong(0, 100).doOnCancel(sourceCancelled::incrementAndGet),
                Long.MAX_VALUE, Map.of("stage1", 1, "stage3", 2)).test();

        clock.advanceTimeBy(3, TimeUnit.SECONDS);
        out.assertValues(0L).assertNoErrors();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);

        out.assertValues(0L).assertError(e -> e instanceof StageFailedException && e.getMessage().equals(CHECK_FAILED));
        assertThat(sourceCancelled.get()).as("cancels the source received").isOne();
    }
}
