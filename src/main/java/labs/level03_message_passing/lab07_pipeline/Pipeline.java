package labs.level03_message_passing.lab07_pipeline;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The lab07 contract, met by every implementation and checked by one contract test. See the lab's
 * README.md for the spec.
 *
 * <ul>
 *   <li>Every item pulled from the source goes through every stage, in order; outputs come out in
 *       source order (a pipeline is FIFO).</li>
 *   <li>Stages run at the same time, each on its own thread, joined by buffers of {@code buffer}
 *       items (bounded queues, {@code publishOn}/{@code observeOn} prefetch).</li>
 *   <li>Backpressure: items <em>in flight</em> — pulled from the source but not yet delivered to the
 *       consumer — never exceed {@link #inFlightBound()} = (stages + 1) × (buffer + 1), however slow a
 *       stage is: each of the stages + 1 hops (source → first stage … last stage → consumer) holds at
 *       most one buffer and the one item the thread at its end is working on. (The reactive
 *       pipelines have no buffer on the last hop, so they stay within stages × (buffer + 1) + 1.)</li>
 *   <li>Downstream cancel: after {@code limit} outputs the pipeline stops, and the source is pulled
 *       at most {@code limit + inFlightBound()} times.</li>
 *   <li>A stage that throws tears the whole pipeline down: {@link StageFailedException} is thrown
 *       once, naming the stage and the item; nothing keeps running.</li>
 *   <li>When {@link #process} returns or throws, every thread it started has ended.</li>
 * </ul>
 */
public interface Pipeline {

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

    static Iterator<Long> checkRun(Iterator<Long> source, long limit) {
        Objects.requireNonNull(source, "source must not be null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1 (got " + limit + ")");
        }
        return source;
    }
}
