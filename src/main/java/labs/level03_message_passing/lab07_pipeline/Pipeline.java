package labs.level03_message_passing.lab07_pipeline;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import labs.support.Implementation;
import labs.support.Implementations;
import labs.support.Threads;

/**
 * The lab07 contract, met by every implementation and checked by one contract test. See the lab's
 * README.md for the spec.
 *
 * <ol>
 *   <li><b>FIFO through every stage.</b> Every item pulled from the source goes through every stage,
 *       in order, exactly once; outputs come out in source order.</li>
 *   <li><b>Stages overlap.</b> Stages run at the same time, each on its own thread, joined by
 *       buffers of {@code buffer} items.</li>
 *   <li><b>Backpressure, bounded.</b> Items <em>in flight</em> — pulled from the source but not yet
 *       delivered to the consumer — never exceed {@link #inFlightBound()} = (stages + 1) × (buffer + 1),
 *       however slow a stage is: each of the stages + 1 hops (source → first stage … last stage →
 *       consumer) holds at most one buffer and the one item the thread at its end is working on.</li>
 *   <li><b>Downstream cancel stops upstream.</b> After {@code limit} outputs the pipeline stops, and
 *       the source has been pulled at most {@code limit + inFlightBound()} times.</li>
 *   <li><b>A stage failure tears everything down, reported once.</b> A stage that throws an exception
 *       ends the run with {@link StageFailedException} naming the stage and the item; nothing keeps
 *       running. An {@link Error} is not a stage's failure but the JVM's (or the test harness's): it
 *       is rethrown as it is.</li>
 *   <li><b>No leak.</b> When {@link #process} returns or throws, every thread it started has ended.
 *       A thread still running {@code threadsEndWithin} after being told to stop is named in a
 *       {@link Threads.DidNotEndException}, added to the failure already on its way out (never
 *       replacing it), or thrown when there is none. Interrupting the caller of {@code process} ends the
 *       run the same way: it throws an unchecked exception caused by the {@link InterruptedException},
 *       after the threads have ended, with the caller's interrupt flag set.</li>
 *   <li><b>Bad input, one line</b>, before any thread starts (the {@code check…} methods below).</li>
 * </ol>
 */
public interface Pipeline {

    /**
     * How a pipeline is made: its stages, its buffer, and how long {@link #process} waits for its
     * threads to end once they have been told to stop (clause 6).
     */
    @FunctionalInterface
    interface Factory {
        Pipeline create(List<Stage> stages, int buffer, Duration threadsEndWithin);

        /** With the one bound every lab uses, {@link Threads#END_WITHIN}. */
        default Pipeline create(List<Stage> stages, int buffer) {
            return create(stages, buffer, Threads.END_WITHIN);
        }
    }

    /** Every implementation, by the name {@code --impl} takes; the contract tests run each of them. */
    Implementations<Factory> IMPLEMENTATIONS = Implementations.of("lab07",
            new Implementation<>("platform", "a platform thread per stage, plus source and sink, joined by ArrayBlockingQueue(buffer)s", ThreadPipeline::platform),
            new Implementation<>("virtual", "the same threads and queues, on virtual threads", ThreadPipeline::virtual),
            new Implementation<>("reactor", "publishOn(newSingle, false, buffer).flatMap(stage, 1) per stage, then take(limit, true)", ReactorPipeline::new),
            new Implementation<>("rxjava", "observeOn(from(executor), false, buffer).flatMapSingle(stage, false, 1) per stage, then take(limit)", RxJavaPipeline::new));

    /** A short name, as used by {@code labs run lab07 --impl NAME}. */
    String name();

    List<Stage> stages();

    int buffer();

    /** Pulls items from {@code source} through every stage until it ends or {@code limit} outputs are out. */
    List<Long> process(Iterator<Long> source, long limit);

    default List<Long> process(List<Long> items) {
        return process(Objects.requireNonNull(items, "items must not be null").iterator(), Long.MAX_VALUE);
    }

    /** The most items that may be in flight (pulled from the source, not yet delivered to the consumer) at any moment. */
    default long inFlightBound() {
        return (long) (stages().size() + 1) * (buffer() + 1);
    }

    static List<Stage> checkStages(List<Stage> stages) {
        Objects.requireNonNull(stages, "stages must not be null");
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least 1 stage (got 0)");
        }
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i) == null) {
                throw new NullPointerException("stages[" + i + "] is null");
            }
        }
        return List.copyOf(stages);
    }

    static int checkBuffer(int buffer) {
        if (buffer < 1) {
            throw new IllegalArgumentException("buffer must be >= 1 (got " + buffer + ")");
        }
        return buffer;
    }

    static Duration checkThreadsEndWithin(Duration threadsEndWithin) {
        Objects.requireNonNull(threadsEndWithin, "threadsEndWithin must not be null");
        if (threadsEndWithin.isNegative() || threadsEndWithin.isZero()) {
            throw new IllegalArgumentException("threadsEndWithin must be > 0 (got " + threadsEndWithin + ")");
        }
        return threadsEndWithin;
    }

    static Iterator<Long> checkRun(Iterator<Long> source, long limit) {
        Objects.requireNonNull(source, "source must not be null");
        checkLimit(limit);
        return source;
    }

    /** One scheduler per stage, none null (the reactive cores' {@code stageSchedulers}). */
    static <S> List<S> checkStageSchedulers(List<S> stageSchedulers, List<Stage> stages) {
        Objects.requireNonNull(stageSchedulers, "stageSchedulers must not be null");
        if (stageSchedulers.size() != stages.size()) {
            throw new IllegalArgumentException("one scheduler per stage: " + stages.size() + " stages, "
                    + stageSchedulers.size() + " schedulers");
        }
        for (int i = 0; i < stageSchedulers.size(); i++) {
            if (stageSchedulers.get(i) == null) {
                throw new NullPointerException("stageSchedulers[" + i + "] is null");
            }
        }
        return stageSchedulers;
    }

    static long checkLimit(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 (got " + limit + ")");
        }
        return limit;
    }
}
