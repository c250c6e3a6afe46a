package labs.level03_message_passing.lab07_pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The pipeline's async boundaries ({@code publishOn(…, prefetch)} / {@code observeOn(…, bufferSize)})
 * with a slow stage that takes its time on a virtual clock. Inside {@code withVirtualTime} every
 * Reactor scheduler is the virtual one, so the boundaries behave exactly as in {@link ReactorPipeline}
 * but an hour costs nothing and every count is exact.
 */
class PipelineBackpressureInVirtualTimeTest {

    private static final int BUFFER = 4;
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

    @AfterEach
    void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    /** source → boundary → fast stage → boundary → slow stage (1 s per item). */
    private static Flux<Long> twoStages(Flux<Long> source, Duration slow) {
        // ReactorPipeline.boundary itself: the production hop, on the virtual clock's scheduler.
        Flux<Long> fast = ReactorPipeline.boundary(source, Schedulers.single(), BUFFER).map(x -> x * 10);
        return ReactorPipeline.boundary(fast, Schedulers.single(), BUFFER).concatMap(x -> Mono.delay(slow).thenReturn(x), 1);
    }

    /**
     * The contract's in-flight bound (pulled, not yet delivered to the consumer) for these two stages,
     * from the production formula: {@code (2 + 1) × (BUFFER + 1)} = 15.
     */
    private static final long TWO_STAGE_BOUND = new ReactorPipeline(List.of(new Stage("fast", x -> x), new Stage("slow", x -> x)), BUFFER).inFlightBound();

    @Test
    void aSlowStageKeepsTheSourceWithinTwoBuffersOfItHourAfterHour() {
        AtomicLong pulled = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong maxInFlight = new AtomicLong();
        long bound = TWO_STAGE_BOUND;

        StepVerifier.withVirtualTime(() -> twoStages(Flux.range(0, 100_000).map(Long::valueOf).doOnNext(x -> pulled.incrementAndGet()), SECOND)
                        .doOnNext(x -> maxInFlight.accumulateAndGet(pulled.get() - done.incrementAndGet() + 1, Math::max)))
                .expectSubscription()
                .then(() -> assertThat(pulled.get()).as("pulled at t=0 (bound %d)", bound).isBetween(1L, bound))
                .thenAwait(Duration.ofHours(1))
                .expectNextCount(3600)
                .then(() -> assertThat(pulled.get() - done.get()).as("in flight after an hour").isBetween(1L, bound))
                .thenCancel()
                .verify();

        assertThat(maxInFlight.get()).as("most items in flight, ever").isLessThanOrEqualTo(bound);
    }

    /** The tempting "fix" for a slow stage — an unbounded buffer in front of it — removes the bound. */
    @Test
    void anUnboundedBufferInFrontOfTheSlowStageLetsTheSourceRunAhead() {
        AtomicLong pulled = new AtomicLong();

        StepVerifier.withVirtualTime(() -> Flux.range(0, 100_000).map(Long::valueOf).doOnNext(x -> pulled.incrementAndGet())
                        .onBackpressureBuffer()
                        .concatMap(x -> Mono.delay(SECOND).thenReturn(x), 1))
                .expectSubscription()
                .then(() -> assertThat(pulled.get()).as("pulled at t=0").isEqualTo(100_000))
                .thenCancel()
                .verify();
    }

    @Test
    void cancellingDownstreamStopsTheSourceWithinTheBoundAndForGood() {
        AtomicLong pulled = new AtomicLong();
        AtomicInteger sourceCancelled = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> twoStages(Flux.range(0, 100_000).map(Long::valueOf)
                        .doOnNext(x -> pulled.incrementAndGet()).doOnCancel(sourceCancelled::incrementAndGet), SECOND).take(5, true))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(5))
                .expectNextCount(5)
                .expectComplete()
                .verify();

        assertThat(sourceCancelled.get()).as("the source was cancelled").isOne();
        assertThat(pulled.get()).isLessThanOrEqualTo(5 + TWO_STAGE_BOUND);
    }

    /**
     * source → slow stage 1 (1 s) → stage 2 fails on item 3 → boundary → slow stage 3 (2 s). Item 3
     * fails at t = 4 s. With {@code delayError = false} the error overtakes items 1 and 2, which are
     * still in or before stage 3, and reaches the end at once; nothing is dropped, nothing reported twice.
     */
    @Test
    void aMidStageErrorOvertakesTheBufferedItemsAndIsReportedOnceAtFourSeconds() {
        Hooks.onErrorDropped(dropped::add);
        AtomicInteger sourceCancelled = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> midStageFailure(false, sourceCancelled))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(3)).expectNext(0L)
                .expectNoEvent(SECOND).expectErrorMessage("item 3 is bad")
                .verify();

        assertThat(sourceCancelled.get()).isOne();
        assertThat(dropped).as("errors dropped by a second report").isEmpty();
    }

    private static Flux<Long> midStageFailure(boolean delayError, AtomicInteger sourceCancelled) {
        return Flux.range(0, 100).map(Long::valueOf).doOnCancel(sourceCancelled::incrementAndGet)
                .concatMap(x -> Mono.delay(SECOND).thenReturn(x), 1)
                .map(x -> {
                    if (x == 3) {
                        throw new IllegalStateException("item 3 is bad");
                    }
                    return x;
                })
                // delayError = false is the production boundary; true is the contrast it was chosen against
                .transform(f -> delayError ? f.publishOn(Schedulers.single(), true, BUFFER) : ReactorPipeline.boundary(f, Schedulers.single(), BUFFER))
                .concatMap(x -> Mono.delay(Duration.ofSeconds(2)).thenReturn(x), 1);
    }

    @Test
    void rxJavaSlowStageKeepsTheSourceWithinTheBoundToo() {
        TestScheduler clock = new TestScheduler();
        AtomicLong pulled = new AtomicLong();
        long bound = TWO_STAGE_BOUND;
        Flowable<Long> fast = RxJavaPipeline.boundary(Flowable.rangeLong(0, 100_000).doOnNext(x -> pulled.incrementAndGet()), clock, BUFFER).map(x -> x * 10);
        TestSubscriber<Long> out = RxJavaPipeline.boundary(fast, clock, BUFFER).concatMapSingle(x -> Single.timer(1, TimeUnit.SECONDS, clock).map(t -> x), 1)
                .test();

        clock.triggerActions();
        assertThat(pulled.get()).as("pulled at t=0").isBetween(1L, bound);
        clock.advanceTimeBy(1, TimeUnit.HOURS);
        out.assertValueCount(3600);
        assertThat(pulled.get() - 3600).as("in flight after an hour").isBetween(1L, bound);
        out.cancel();
    }

    @Test
    void rxJavaMidStageErrorTearsDownAtOnceWithoutDelayError() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger sourceCancelled = new AtomicInteger();
        TestSubscriber<Long> out = Flowable.rangeLong(0, 100).doOnCancel(sourceCancelled::incrementAndGet)
                .concatMapSingle(x -> Single.timer(1, TimeUnit.SECONDS, clock).map(t -> x), 1)
                .map(x -> {
                    if (x == 3) {
                        throw new IllegalStateException("item 3 is bad");
                    }
                    return x;
                })
                .to(f -> RxJavaPipeline.boundary(f, clock, BUFFER))
                .concatMapSingle(x -> Single.timer(2, TimeUnit.SECONDS, clock).map(t -> x), 1)
                .test();

        clock.advanceTimeBy(4, TimeUnit.SECONDS);

        out.assertValues(0L).assertError(e -> e.getMessage().equals("item 3 is bad"));
        assertThat(sourceCancelled.get()).isOne();
    }
}
