package labs.level02_shared_state.lab03_shared_counter;

import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.processors.PublishProcessor;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * BROKEN ON PURPOSE: a plain {@code PublishProcessor} fed from many threads. It breaks Reactive
 * Streams rule 1.3 (onNext must be serialized) without complaint: two threads run the
 * subscriber's read-add-write at once, and the "single writer" is two writers again. The
 * racing writes to {@code total} lose updates just as {@link RacyCounter} does. The stream itself
 * does not die: the subscriber requests {@code Long.MAX_VALUE}, which {@code PublishProcessor} never
 * counts down, so it has no {@code MissingBackpressureException} to signal. Observed with
 * {@code target/labs run lab03 --impl rxjava-unserialized} (11 runs, 2-core dev machine, JDK 25):
 * 1–26% of 400 000 increments lost, {@link #failure} null every time.
 *
 * <p>The fix is {@link RxJavaSingleWriterCounter} ({@code toSerialized()}). Proven
 * deterministically by {@code ReactiveCounterPitfallTest}.
 *
 * <p><b>Scheduler:</b> none; the fold runs on every emitting thread at once.
 * <b>Backpressure:</b> the subscriber requests {@code Long.MAX_VALUE}.
 */
public final class UnserializedProcessorCounter implements Counter, Disposable {

    private final PublishProcessor<Long> increments = PublishProcessor.create();
    private final Disposable subscription;
    private volatile long total;
    private volatile Throwable failure;

    public UnserializedProcessorCounter() {
        this(total -> { });
    }

    UnserializedProcessorCounter(LongConsumer insideOnNext) {
        Objects.requireNonNull(insideOnNext, "insideOnNext");
        // The subscriber folds by itself (read, add, write) instead of using scan: scan keeps its
        // own drain loop, which would hide the race in the sum (not the one in the processor).
        this.subscription = increments
                .subscribe(n -> {
                    long sum = total + n;
                    insideOnNext.accept(sum);
                    total = sum;
                }, error -> failure = error);
    }

    @Override
    public String name() {
        return "rxjava-unserialized";
    }

    @Override
    public void increment() {
        increments.onNext(1L);
    }

    @Override
    public long get() {
        return total;
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
