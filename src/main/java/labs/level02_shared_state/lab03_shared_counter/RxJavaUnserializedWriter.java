package labs.level02_shared_state.lab03_shared_counter;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.processors.FlowableProcessor;
import io.reactivex.rxjava3.processors.PublishProcessor;

/**
 * BROKEN ON PURPOSE: {@link RxJavaSerializedWriter} without {@code toSerialized()}, a plain
 * {@code PublishProcessor} fed from many threads. It breaks Reactive Streams rule 1.3 (onNext must
 * be serialized) without complaint: two threads run {@code scan} and the subscriber at once, each
 * a read-add-write, and the "single writer" is two writers again, losing updates as
 * {@link RacyCounter} does. The stream does not die: the subscriber requests {@code Long.MAX_VALUE},
 * which {@code PublishProcessor} never counts down, so it has no {@code MissingBackpressureException}
 * to signal.
 *
 * <p>The fix is {@link RxJavaSerializedWriter}. Proven deterministically by
 * {@code ReactiveCounterPitfallTest}.
 *
 * <p><b>Scheduler:</b> none; the fold runs on every emitting thread at once.
 * <b>Backpressure:</b> none: {@code PublishProcessor} hands each event straight to its subscriber.
 */
public final class RxJavaUnserializedWriter implements SingleWriter {

    private final FlowableProcessor<Long> increments = PublishProcessor.create();

    @Override
    public void increment() {
        increments.onNext(1L);
    }

    @Override
    public Flowable<Long> totals() {
        return increments.scan(Long::sum);
    }
}
