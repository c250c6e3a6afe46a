package labs.level02_shared_state.lab03_shared_counter;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The single-writer principle in Reactor: each {@link #increment} is an event emitted into one
 * unicast sink, and {@link #totals} folds the events with {@code scan}; its subscriber is the only
 * code that ever writes the total.
 *
 * <p>The catch: the sink keeps rule 1.3 (no two {@code onNext} at once) by refusing a second
 * emitter. While one thread is delivering, another's {@code tryEmitNext} returns
 * {@link Sinks.EmitResult#FAIL_NON_SERIALIZED} and the event is <em>not</em> delivered
 * ({@link ReactorTryEmitWriter} ignores that and loses increments). Here every emission goes
 * through an {@link Sinks.EmitFailureHandler} that retries exactly that failure, so
 * {@code increment} returns only once its event has been folded: linearizable. By default the
 * handler is {@link Sinks.EmitFailureHandler#busyLooping}, bounded so that a subscriber stuck in
 * {@code onNext} makes {@code increment} throw instead of spinning forever; a new one per emission,
 * because its deadline starts when it is created (JMH caught a shared handler failing every
 * contended increment once the counter was 5 s old: FAILURE.md).
 *
 * <p><b>Scheduler:</b> none of its own. The fold runs on whichever thread won the emission, inside
 * its {@code increment} call. A refused thread spins (it never parks), so emitting from
 * {@code parallel()} passes BlockHound but burns that core while it waits.
 *
 * <p><b>Backpressure:</b> none toward the emitters: the unicast sink buffers events without bound
 * while its subscriber has not requested them (or has not subscribed yet). Under contention nothing
 * is buffered, because a refused emitter retries instead of enqueuing.
 */
public final class ReactorSingleWriter implements SingleWriter {

    /** Long enough for any honest onNext to finish; short enough that a stuck subscriber surfaces. */
    static final Duration CONTENTION_BOUND = Duration.ofSeconds(5);

    private final Sinks.Many<Long> increments = Sinks.many().unicast().onBackpressureBuffer();
    private final Supplier<Sinks.EmitFailureHandler> onContention;

    /** Retries a refused emission for up to {@link #CONTENTION_BOUND}, busy-looping. */
    public ReactorSingleWriter() {
        this(() -> Sinks.EmitFailureHandler.busyLooping(CONTENTION_BOUND));
    }

    /**
     * @param onContention makes the handler each emission uses when the sink refuses it: asked
     *                     once per {@link #increment}, so a handler with a deadline counts from
     *                     that emission
     */
    public ReactorSingleWriter(Supplier<Sinks.EmitFailureHandler> onContention) {
        this.onContention = Objects.requireNonNull(onContention, "onContention");
    }

    @Override
    public void increment() {
        increments.emitNext(1L, onContention.get());
    }

    @Override
    public Flux<Long> totals() {
        return increments.asFlux().scan(Long::sum);
    }
}
