package labs.level02_shared_state.lab03_shared_counter;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

/**
 * BROKEN ON PURPOSE: the {@code Sinks} pitfall. Each increment calls {@code tryEmitNext} and
 * ignores the {@link Sinks.EmitResult}. When another thread is already inside the sink's
 * {@code onNext}, the result is {@code FAIL_NON_SERIALIZED} and the increment is simply dropped:
 * no exception, no log, a lost update. {@link #rejected} counts them so the loss can be shown.
 *
 * <p>The fix is {@link ReactorSingleWriterCounter}: emit with a failure handler that retries
 * {@code FAIL_NON_SERIALIZED}. Proven deterministically by {@code ReactiveCounterPitfallTest}.
 *
 * <p><b>Scheduler:</b> none; the fold runs on the emitting thread.
 * <b>Backpressure:</b> the subscriber requests {@code Long.MAX_VALUE}.
 */
public final class TryEmitCounter implements Counter, Disposable {

    private final Sinks.Many<Long> increments = Sinks.many().unicast().onBackpressureBuffer();
    private final LongAdder rejected = new LongAdder();
    private final Disposable subscription;
    private volatile long total;
    private volatile Throwable failure;

    public TryEmitCounter() {
        this(total -> { });
    }

    TryEmitCounter(LongConsumer insideOnNext) {
        this.subscription = increments.asFlux()
                .scan(0L, Long::sum)
                .skip(1)
                .subscribe(sum -> {
                    insideOnNext.accept(sum);
                    total = sum;
                }, error -> failure = error);
    }

    @Override
    public String name() {
        return "reactor-tryEmitNext";
    }

    @Override
    public void increment() {
        if (increments.tryEmitNext(1L).isFailure()) {
            rejected.increment(); // the caller is never told: that silence is the bug
        }
    }

    @Override
    public long get() {
        return total;
    }

    /** How many increments the sink refused (each one a lost update). */
    public long rejected() {
        return rejected.sum();
    }

    /** The error that ended the fold, or null while it is alive. A correct counter never has one. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void dispose() {
        subscription.dispose();
    }

    @Override
    public boolean isDisposed() {
        return subscription.isDisposed();
    }
}
