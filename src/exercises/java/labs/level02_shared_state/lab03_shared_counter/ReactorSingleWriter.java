package labs.level02_shared_state.lab03_shared_counter;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * YOUR TURN (lab03): the single-writer principle in Reactor. No thread adds to a shared total:
 * each {@link #increment} is an event emitted into one sink, and {@link #totals} folds the events
 * into running totals. Whoever subscribes to the totals (once) is the only code that writes the
 * total; {@link SingleWriterCounter} is that subscriber, and the {@link Counter} the tests use. The
 * spec: docs/labs/level02_shared_state/lab03_shared_counter/README.md; the diagrams your core must
 * draw: marbles/lab03_shared_counter.md.
 *
 * <p>What the core must do:
 * <ol>
 *   <li>{@code totals()} emits the running total after each increment: 1, 2, 3 … Reactive Streams
 *       rule 1.3 (no two {@code onNext} at once) is what makes a fold safe without a lock.</li>
 *   <li>{@code increment()} returns only once its event has been folded, even when other threads
 *       emit at the same moment (clause 2 of the contract: linearizable). A Reactor sink keeps rule
 *       1.3 by <em>refusing</em> a second emitter while one is delivering: read what
 *       {@code tryEmitNext} answers then, and what {@code emitNext(value, handler)} does with it.</li>
 *   <li>A refused emission is retried with a handler made by {@code onContention}, asked once per
 *       increment: {@code busyLooping(d)} starts counting {@code d} when it is made.</li>
 *   <li>Increments emitted before the totals are subscribed are kept, not dropped.</li>
 * </ol>
 *
 * <p><b>Scheduler:</b> none of its own: the fold runs on an emitting thread.
 * <b>Backpressure:</b> your sink's; say what bounds it.
 *
 * <p>Check it: {@code ./mvnw -B -ntp test -Dtest='labs.level02_shared_state.lab03_shared_counter.**,MarbleDiagramsTest'}
 */
public final class ReactorSingleWriter implements SingleWriter {

    /** Long enough for any honest onNext to finish; short enough that a stuck subscriber surfaces. */
    static final Duration CONTENTION_BOUND = Duration.ofSeconds(5);

    private final Supplier<Sinks.EmitFailureHandler> onContention;

    /** Retries a refused emission for up to {@link #CONTENTION_BOUND}, busy-looping. */
    public ReactorSingleWriter() {
        this(() -> Sinks.EmitFailureHandler.busyLooping(CONTENTION_BOUND));
    }

    /** @param onContention makes the handler each emission uses when the sink refuses it */
    public ReactorSingleWriter(Supplier<Sinks.EmitFailureHandler> onContention) {
        this.onContention = Objects.requireNonNull(onContention, "onContention");
        // TODO(lab03): the one sink every increment goes into (a field): which Sinks.many() spec has
        //  one subscriber and keeps events until it asks for them?
    }

    @Override
    public void increment() {
        throw new UnsupportedOperationException("TODO(lab03): emit one increment (1L) into the sink, retrying a refusal with a handler from onContention");
    }

    @Override
    public Flux<Long> totals() {
        throw new UnsupportedOperationException("TODO(lab03): the sink's events folded into running totals, one per increment (1, 2, 3 …)");
    }
}
