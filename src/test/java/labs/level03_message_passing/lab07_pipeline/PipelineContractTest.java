package labs.level03_message_passing.lab07_pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lab07 contract (see {@link Pipeline} and the lab's README), checked once for every
 * implementation. Where a stage must wait for an event it waits on a latch (bounded) — except on
 * Reactor's non-blocking stage threads, where BlockHound rejects a latch (and sleep, yield, onSpinWait):
 * there it spins on the event with a bounded deadline and a message saying what never happened.
 */
class PipelineContractTest {

    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int BUFFER = 4;
    /**
     * How many items pile up behind a held last stage in every implementation (buffer 4, measured):
     * threads fill the queues and hold one item per thread (platform 16, virtual 15); the reactive
     * boundaries stop at 8 (Reactor) and 7 (RxJava), because a boundary whose downstream has not asked for more neither emits nor replenishes.
     * The held item plus more than one buffer is what all four reach; the check that matters is the
     * upper bound.
     */
    private static final long FILLED = BUFFER + 3;

    private static List<Stage> threeStages() {
        return List.of(new Stage("parse", x -> x + 1), new Stage("double", x -> x * 2), new Stage("square", x -> x * x));
    }

    /** An endless source that counts how often it was pulled (pulled on one thread at a time). */
    private static final class CountingSource implements Iterator<Long> {
        final AtomicLong pulled = new AtomicLong();
        /** Opens once {@link #FILLED} items have been pulled. */
        final CountDownLatch filled = new CountDownLatch(1);

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Long next() {
            long item = pulled.getAndIncrement();
            if (item + 1 >= FILLED) {
                filled.countDown();
            }
            return item;
        }
    }

    /**
     * Waits inside a stage until {@code event} has happened: on a latch (bounded) where the stage
     * thread may block; on Reactor's non-blocking stage threads by a bounded spin on {@code happened}.
     */
    private static void awaitInStage(Implementations impl, CountDownLatch event, java.util.function.BooleanSupplier happened,
                                     java.util.function.Supplier<String> what) {
        if (impl == Implementations.REACTOR) {
            spinUntil(happened, what);
            return;
        }
        try {
            if (!event.await(BOUND_NANOS, TimeUnit.NANOSECONDS)) {
                throw new AssertionError("gave up waiting: " + what.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting: " + what.get(), e);
        }
    }

    private static void spinUntil(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting: " + what.get());
            }
            // a bare spin: Thread.onSpinWait() counts as blocking for BlockHound on JDK 25
        }
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void everyItemGoesThroughEveryStageAndComesOutInSourceOrder(Implementations impl) {
        List<Long> items = LongStream.range(0, 500).boxed().toList();

        List<Long> out = impl.create(threeStages(), BUFFER).process(items);

        assertThat(out).containsExactlyElementsOf(items.stream().map(x -> ((x + 1) * 2) * ((x + 1) * 2)).toList());
    }

    /** Guards against running the stages one after another on one thread: stage 1 waits for stage 3 to start. */
    @ParameterizedTest
    @EnumSource(Implementations.class)
    void stagesRunAtTheSameTimeOnTheirOwnThreads(Implementations impl) {
        AtomicInteger lastStageStarted = new AtomicInteger();
        CountDownLatch lastStarted = new CountDownLatch(1);
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        List<Stage> stages = List.of(
                new Stage("first", x -> {
                    threads.add(Thread.currentThread().getName());
                    if (x == 1) { // item 0 must reach the last stage while the first still holds item 1
                        awaitInStage(impl, lastStarted, () -> lastStageStarted.get() > 0, () -> "the last stage never started while the first was busy");
                    }
                    return x;
                }),
                new Stage("middle", x -> x),
                new Stage("last", x -> {
                    threads.add(Thread.currentThread().getName());
                    lastStageStarted.incrementAndGet();
                    lastStarted.countDown();
                    return x;
                }));

        assertThat(impl.create(stages, BUFFER).process(List.of(0L, 1L, 2L))).containsExactly(0L, 1L, 2L);
        assertThat(threads.stream().distinct().count()).as("distinct threads of the first and last stage").isEqualTo(2);
    }

    /**
     * Backpressure, asserted: the last stage holds item 0 until the source has filled the pipeline;
     * the most items ever pulled but not yet out of the last stage stays within the bound.
     */
    @ParameterizedTest
    @EnumSource(Implementations.class)
    void aSlowLastStageBoundsTheItemsInFlightAllTheWayBackToTheSource(Implementations impl) {
        CountingSource source = new CountingSource();
        AtomicLong completed = new AtomicLong();
        AtomicLong maxInFlight = new AtomicLong();
        Pipeline pipeline = impl.create(List.of(
                new Stage("fast", x -> x),
                new Stage("also-fast", x -> x),
                new Stage("slow", x -> {
                    if (x == 0) { // hold the first item until at least two buffers' worth has piled up behind it
                        awaitInStage(impl, source.filled, () -> source.pulled.get() >= FILLED,
                                () -> "the source never filled the buffers (pulled " + source.pulled.get() + ")");
                    }
                    maxInFlight.accumulateAndGet(source.pulled.get() - completed.get(), Math::max);
                    completed.incrementAndGet();
                    return x;
                })), BUFFER);

        List<Long> out = pipeline.process(source, 200);

        assertThat(out).hasSize(200);
        // Measured as the last stage takes an item: pulled but not yet out of the last stage, which
        // under-counts "in flight" (pulled, not yet delivered to the consumer), so it must be within the bound.
        // (It is >= FILLED by construction — the stage waited for that — so that is a precondition, not checked here.)
        assertThat(maxInFlight.get()).as("items pulled but not out of the last stage (bound %d)", pipeline.inFlightBound())
                .isLessThanOrEqualTo(pipeline.inFlightBound());
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void cancellingDownstreamStopsTheSourceWithinTheInFlightBound(Implementations impl) {
        CountingSource endless = new CountingSource();
        Pipeline pipeline = impl.create(threeStages(), BUFFER);

        List<Long> out = pipeline.process(endless, 10);

        assertThat(out).hasSize(10);
        assertThat(endless.pulled.get()).as("items pulled from an endless source").isLessThanOrEqualTo(10 + pipeline.inFlightBound());
    }

    /**
     * A run that reached its limit returns its items even when the teardown makes a stage throw: the
     * "io" stage is blocked in an interruptible wait on item 3 when the sink takes its third output
     * (the "release" stage lets item 2 through only once "io" is blocked), so the sink's interrupt
     * reaches it there and it throws. That exception is a consequence of the teardown, not a failure.
     * Thread versions only: their stages may block; Reactor's and RxJava's are cancelled, not interrupted into throwing.
     */
    @ParameterizedTest
    @EnumSource(value = Implementations.class, names = {"PLATFORM", "VIRTUAL"})
    void aStageThatThrowsWhenTheLimitTeardownInterruptsItDoesNotFailTheRun(Implementations impl) {
        for (int run = 0; run < 20; run++) {
            CountDownLatch ioBlocked = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            Pipeline pipeline = impl.create(List.of(
                    new Stage("io", x -> {
                        if (x == 3) {
                            ioBlocked.countDown();
                            try {
                                never.await(10, TimeUnit.SECONDS);
                                throw new AssertionError("the limit teardown never interrupted the io stage");
                            } catch (InterruptedException e) {
                                throw new IllegalStateException("interrupted", e); // what a blocking client does
                            }
                        }
                        return x;
                    }),
                    new Stage("release", x -> {
                        if (x == 2) {
                            try {
                                if (!ioBlocked.await(10, TimeUnit.SECONDS)) {
                                    throw new AssertionError("the io stage never reached item 3");
                                }
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        return x;
                    })), BUFFER);

            assertThat(pipeline.process(new CountingSource(), 3)).as("run %d", run).containsExactly(0L, 1L, 2L);
        }
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void anErrorInTheMiddleStageTearsThePipelineDownAndIsReportedOnce(Implementations impl) {
        CountingSource endless = new CountingSource();
        List<Long> reachedLast = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger middleCallsOnItemFive = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("bad item");
        Pipeline pipeline = impl.create(List.of(
                new Stage("parse", x -> x),
                new Stage("validate", x -> {
                    if (x == 5) {
                        middleCallsOnItemFive.incrementAndGet();
                        throw boom;
                    }
                    return x;
                }),
                new Stage("store", x -> {
                    reachedLast.add(x);
                    return x;
                })), BUFFER);

        assertThatThrownBy(() -> pipeline.process(endless, Long.MAX_VALUE))
                .isInstanceOf(StageFailedException.class)
                .hasMessage("stage 'validate' failed on item 5: java.lang.IllegalStateException: bad item")
                .hasCause(boom);
        assertThat(middleCallsOnItemFive.get()).isOne();
        assertThat(reachedLast).as("items the last stage saw").allSatisfy(x -> assertThat(x).isLessThan(5L));
        assertThat(endless.pulled.get()).as("the endless source stopped").isLessThanOrEqualTo(6 + pipeline.inFlightBound());
        // ...and every stage thread has ended: the leak check runs after this test.
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void anEmptySourceGivesNoOutputAndEndsEveryThread(Implementations impl) {
        assertThat(impl.create(threeStages(), BUFFER).process(List.of())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void badStagesBufferOrLimitAreRejectedWithOneLineBeforeAnyThreadStarts(Implementations impl) {
        assertThatThrownBy(() -> impl.create(List.of(), BUFFER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a pipeline needs at least 1 stage (got 0)");
        assertThatThrownBy(() -> impl.create(threeStages(), 0)).hasMessage("buffer must be >= 1 (got 0)");
        assertThatThrownBy(() -> impl.create(threeStages(), -1)).hasMessage("buffer must be >= 1 (got -1)");
        List<Stage> withNull = new ArrayList<>(threeStages());
        withNull.add(1, null);
        assertThatThrownBy(() -> impl.create(withNull, BUFFER)).isInstanceOf(NullPointerException.class).hasMessage("stages[1] is null");
        assertThatThrownBy(() -> impl.create(threeStages(), BUFFER).process(List.<Long>of().iterator(), 0)).hasMessage("limit must be >= 1 (got 0)");
        assertThatThrownBy(() -> new Stage("x", null)).hasMessage("stage 'x' has no function");
    }
}
