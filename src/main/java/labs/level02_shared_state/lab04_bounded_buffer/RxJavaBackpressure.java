package labs.level02_shared_state.lab04_bounded_buffer;

import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.CompletableSource;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Consumer;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Objects;

/**
 * RxJava's counterpart of {@link ReactorBackpressure}: the same producer → buffer of
 * {@code capacity} → consumer, in the same two shapes, on {@link Flowable}. Same names, not always
 * the same rules: RxJava's {@code DROP_LATEST} drops the newest item <em>held</em> and keeps the
 * arrival, and its {@code ERROR} fails at once, discarding what is held (see the lab's FAILURE.md).
 *
 * <p><b>Scheduler:</b> the consumer's, given to the constructor ({@link Schedulers#computation()}
 * by default): in {@link #pull} the items are handed over on it ({@code observeOn}); in
 * {@link #push} each item's {@code consume} is subscribed on it. {@code computation()} must never
 * block (our BlockHound integration flags it there): a consumer whose work blocks needs
 * {@link Schedulers#io()}.
 *
 * <p><b>Backpressure:</b> the consumer holds one item at a time ({@code flatMapSingle(…, false, 1)})
 * and at most {@code capacity} more wait for it: in {@link #pull} in {@code observeOn}'s queue
 * (asks for {@code capacity}, then tops up by 75% of it), in {@link #push} in
 * {@code onBackpressureBuffer(capacity, …)} (asks for everything, applies the strategy when full).
 * An error ends the run at once, the consumer's own or the producer's: the item in the consumer's
 * hands is cancelled with it.
 */
public final class RxJavaBackpressure {

    private final int capacity;
    private final Scheduler consumer;

    public RxJavaBackpressure(int capacity) {
        this(capacity, Schedulers.computation());
    }

    public RxJavaBackpressure(int capacity, Scheduler consumer) {
        this.capacity = BoundedBuffer.checkCapacity(capacity);
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    public int capacity() {
        return capacity;
    }

    /** A producer that honours demand: {@code observeOn(consumer, true, capacity)}, then one item at a time. */
    public <T> Flowable<T> pull(Flowable<T> producer, Function<? super T, ? extends CompletableSource> consume) {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(consume, "consume");
        return producer.observeOn(consumer, true, capacity)
                .flatMapSingle(item -> consumed(item, consume), false, 1);
    }

    /**
     * A producer that ignores demand: {@code onBackpressureBuffer(capacity, null, strategy, onDropped)},
     * then one item at a time, each consumed on the consumer's scheduler. On a full buffer
     * {@code DROP_LATEST} drops the newest item held, {@code DROP_OLDEST} the oldest held, and
     * {@code ERROR} cancels the producer and signals {@code MissingBackpressureException} at once,
     * ahead of the items held (which are discarded), and the consumer's current item is cancelled with it.
     */
    public <T> Flowable<T> push(Flowable<T> producer, BackpressureOverflowStrategy strategy, Consumer<? super T> onDropped,
            Function<? super T, ? extends CompletableSource> consume) {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(onDropped, "onDropped");
        Objects.requireNonNull(consume, "consume");
        return producer.onBackpressureBuffer(capacity, null, strategy, onDropped)
                .flatMapSingle(item -> consumed(item, consume).subscribeOn(consumer), false, 1);
    }

    private static <T> Single<T> consumed(T item, Function<? super T, ? extends CompletableSource> consume) {
        return Single.defer(() -> Completable.wrap(consume.apply(item)).toSingleDefault(item));
    }
}
