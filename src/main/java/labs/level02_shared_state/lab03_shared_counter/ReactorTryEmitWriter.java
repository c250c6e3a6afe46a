package labs.level02_shared_state.lab03_shared_counter;

import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * BROKEN ON PURPOSE: the {@code Sinks} pitfall. {@link ReactorSingleWriter} with one line changed:
 * each increment calls {@code tryEmitNext} and ignores the {@link Sinks.EmitResult}. When another
 * thread is already delivering, the result is {@code FAIL_NON_SERIALIZED} and the increment is
 * simply dropped: no exception, no log, a lost update. {@link #rejected} counts them so the loss
 * can be shown.
 *
 * <p>The fix is {@link ReactorSingleWriter}: emit with a failure handler that retries
 * {@code FAIL_NON_SERIALIZED}. Proven deterministically by {@code ReactiveCounterPitfallTest}.
 *
 * <p><b>Scheduler:</b> none; the fold runs on the emitting thread.
 * <b>Backpressure:</b> as {@link ReactorSingleWriter}: the unicast sink buffers without bound.
 */
public final class ReactorTryEmitWriter implements SingleWriter {

    private final Sinks.Many<Long> increments = Sinks.many().unicast().onBackpressureBuffer();
    private final LongAdder rejected = new LongAdder();

    @Override
    public void increment() {
        if (increments.tryEmitNext(1L).isFailure()) {
            rejected.increment(); // the caller is never told: that silence is the bug
        }
    }

    @Override
    public Flux<Long> totals() {
        return increments.asFlux().scan(Long::sum);
    }

    /** How many increments the sink refused (each one a lost update). */
    public long rejected() {
        return rejected.sum();
    }
}
