package labs.level03_message_passing.lab07_pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab07 contract (see {@link Pipeline} and the lab's README), checked once for every
 * implementation. A new implementation joins {@link Pipeline#IMPLEMENTATIONS} and gets all of these;
 * the reports name it ({@code [3] reactor}). Where a stage must wait for an event it waits with a
 * bound ({@link InStage}), so a pipeline that never lets the event happen fails with a message
 * instead of hanging.
 */
class PipelineContractTest {

    static Stream<Implementation<Pipeline.Factory>> implementations() {
        return Pipeline.IMPLEMENTATIONS.stream();
    }

    private static final int BUFFER = 4;
    /**
     * How many items the slow-stage test waits to see pulled before it lets the held item go: the held
     * item plus more than one buffer. Every implementation reaches it (buffer 4: platform 16, virtual
     * 15, Reactor and RxJava 7–8 measured, because a reactive boundary whose downstream has not asked
     * for more neither emits nor replenishes); the check that matters is the upper bound.
     */
    private static final long FILLED = BUFFER + 3;

    private static List<Stage> threeStages() {
        return List.of(new Stage("parse", x -> x + 1), new Stage("double", x -> x * 2), new Stage("square", x -> x * x));
    }

    /** An endless source that counts how often it was pulled (pulled on one thread at a time). */
    static final class CountingSource implements Iterator<Long> {
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

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Each stage takes items from the boundary in front of it one at a time and passes them on in the order it took them.")
    void everyItemGoesThroughEveryStageAndComesOutInSourceOrder(Implementation<Pipeline.Factory> impl) {
        List<Long> items = LongStream.range(0, 500).boxed().toList();

        List<Long> out = impl.create().create(threeStages(), BUFFER).process(items);

        assertThat(out).as("outputs of parse -> double -> square, in source order")
                .containsExactlyElementsOf(items.stream().map(x -> ((x + 1) * 2) * ((x + 1) * 2)).toList());
    }

    /** Guards against running the stages one after another on one thread: stage 1 waits for stage 3 to start. */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A stage needs a thread of its own and a boundary (a queue) in front of it; without one, the first stage runs the whole chain for each item.")
    void stagesRunAtTheSameTimeOnTheirOwnThreads(Implementation<Pipeline.Factory> impl) {
        CountDownLatch lastStarted = new CountDownLatch(1);
        Queue<String> threads = new ConcurrentLinkedQueue<>(); // lock-free: stages run on non-blocking threads
        List<Stage> stages = List.of(
                new Stage("first", x -> {
                    threads.add(Thread.currentThread().getName());
                    if (x == 1) { // item 0 must reach the last stage while the first still holds item 1
                        InStage.await("the last stage started while the first held item 1", lastStarted);
                    }
                    return x;
                }),
                new Stage("middle", x -> x),
                new Stage("last", x -> {
                    threads.add(Thread.currentThread().getName());
                    lastStarted.countDown();
                    return x;
                }));

        assertThat(impl.create().create(stages, BUFFER).process(List.of(0L, 1L, 2L))).containsExactly(0L, 1L, 2L);
        assertThat(threads.stream().distinct().count()).as("distinct threads the first and the last stage ran on").isEqualTo(2);
    }

    /**
     * Backpressure, asserted: the last stage holds item 0 until the source has filled the pipeline;
     * the most items ever pulled but not yet out of the last stage stays within the bound. Guards
     * against the tempting "fix" for a slow stage, an unbounded buffer in front of it.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Every boundary must hold at most 'buffer' items and stop asking upstream when full; an unbounded queue lets the source run ahead of a slow stage.")
    void aSlowLastStageBoundsTheItemsInFlightAllTheWayBackToTheSource(Implementation<Pipeline.Factory> impl) {
        CountingSource source = new CountingSource();
        AtomicLong completed = new AtomicLong();
        AtomicLong maxInFlight = new AtomicLong();
        Pipeline pipeline = impl.create().create(List.of(
                new Stage("fast", x -> x),
                new Stage("also-fast", x -> x),
                new Stage("slow", x -> {
                    if (x == 0) { // hold the first item until more than a buffer's worth has piled up behind it
                        InStage.await("the source filled the buffers behind the held item", source.filled);
                    }
                    maxInFlight.accumulateAndGet(source.pulled.get() - completed.get(), Math::max);
                    completed.incrementAndGet();
                    return x;
                })), BUFFER);

        List<Long> out = pipeline.process(source, 200);

        assertThat(out).as("outputs of a run limited to 200").hasSize(200);
        // Measured as the last stage takes an item: pulled but not yet out of the last stage, which
        // under-counts "in flight" (pulled, not yet delivered to the consumer), so it must be within the bound.
        // (It is >= FILLED by construction — the stage waited for that — so that is a precondition, not checked here.)
        assertThat(maxInFlight.get()).as("most items pulled but not out of the last stage (bound %d)", pipeline.inFlightBound())
                .isLessThanOrEqualTo(pipeline.inFlightBound());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Once the consumer has its 'limit' items, the run must stop pulling: cancel upstream (reactive) or tell every thread to stop (threads).")
    void cancellingDownstreamStopsTheSourceWithinTheInFlightBound(Implementation<Pipeline.Factory> impl) {
        CountingSource endless = new CountingSource();
        Pipeline pipeline = impl.create().create(threeStages(), BUFFER);

        List<Long> out = pipeline.process(endless, 10);

        assertThat(out).as("outputs of a run limited to 10").hasSize(10);
        assertThat(endless.pulled.get()).as("items pulled from an endless source for 10 outputs (bound %d)", pipeline.inFlightBound())
                .isLessThanOrEqualTo(10 + pipeline.inFlightBound());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The first failure must stop every stage and the source, and be the one exception process throws: wrapped once, naming the stage and the item.")
    void anErrorInTheMiddleStageTearsThePipelineDownAndIsReportedOnce(Implementation<Pipeline.Factory> impl) {
        CountingSource endless = new CountingSource();
        Queue<Long> reachedLast = new ConcurrentLinkedQueue<>();
        AtomicInteger middleCallsOnItemFive = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("bad item");
        Pipeline pipeline = impl.create().create(List.of(
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
        assertThat(middleCallsOnItemFive.get()).as("calls of 'validate' on the failing item").isOne();
        assertThat(reachedLast).as("items the last stage saw").allSatisfy(x -> assertThat(x).isLessThan(5L));
        assertThat(endless.pulled.get()).as("items pulled from the endless source before it stopped").isLessThanOrEqualTo(6 + pipeline.inFlightBound());
        // ...and every stage thread has ended: the leak check runs after this test.
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The end of the source must travel through every stage (onComplete, or an end marker) and end every thread.")
    void anEmptySourceGivesNoOutputAndEndsEveryThread(Implementation<Pipeline.Factory> impl) {
        assertThat(impl.create().create(threeStages(), BUFFER).process(List.of())).as("outputs of an empty source").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check the arguments in the constructor and at the start of process, before any thread or scheduler exists.")
    void badStagesBufferOrLimitAreRejectedWithOneLineBeforeAnyThreadStarts(Implementation<Pipeline.Factory> impl) {
        Pipeline.Factory factory = impl.create();
        assertThatThrownBy(() -> factory.create(List.of(), BUFFER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a pipeline needs at least 1 stage (got 0)");
        assertThatThrownBy(() -> factory.create(threeStages(), 0)).hasMessage("buffer must be >= 1 (got 0)");
        assertThatThrownBy(() -> factory.create(threeStages(), -1)).hasMessage("buffer must be >= 1 (got -1)");
        List<Stage> withNull = new ArrayList<>(threeStages());
        withNull.add(1, null);
        assertThatThrownBy(() -> factory.create(withNull, BUFFER)).isInstanceOf(NullPointerException.class).hasMessage("stages[1] is null");
        assertThatThrownBy(() -> factory.create(threeStages(), BUFFER, java.time.Duration.ZERO)).hasMessage("threadsEndWithin must be > 0 (got PT0S)");
        assertThatThrownBy(() -> factory.create(threeStages(), BUFFER).process(List.<Long>of().iterator(), 0)).hasMessage("limit must be >= 1 (got 0)");
        assertThatThrownBy(() -> factory.create(threeStages(), BUFFER).process(null, 1)).hasMessage("source must not be null");
        assertThatThrownBy(() -> new Stage("x", null)).hasMessage("stage 'x' has no function");
    }
}
