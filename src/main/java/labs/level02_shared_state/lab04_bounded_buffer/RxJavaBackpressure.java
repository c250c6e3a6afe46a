package labs.level02_shared_state.lab04_bounded_buffer;

import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.functions.Action;
import io.reactivex.rxjava3.functions.Consumer;
import java.util.Objects;

/**
 * RxJava's counterpart of {@link ReactorBackpressure}: the same three shapes on {@link Flowable}.
 *
 * <p><b>Scheduler:</b> none of its own; operators run on the signalling thread. Tests drive them
 * with a {@code TestScheduler}.
 *
 * <p><b>Backpressure:</b> described per method.
 */
public final class RxJavaBackpressure {

    private RxJavaBackpressure() {
    }

    /**
     * {@code onBackpressureBuffer(capacity, onOverflow, strategy, onDropped)}: requests everything
     * upstream, holds at most {@code capacity} items for a slow subscriber. On overflow
     * {@code DROP_LATEST} drops the arriving item, {@code DROP_OLDEST} the oldest held one, and
     * {@code ERROR} cancels upstream and signals {@code MissingBackpressureException}.
     * {@code onOverflow} runs on every overflow (RxJava's hook carries no item; {@code onDropped} does).
     */
    public static <T> Flowable<T> bounded(Flowable<T> producer, int capacity, BackpressureOverflowStrategy strategy,
            Action onOverflow, Consumer<? super T> onDropped) {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(onOverflow, "onOverflow");
        Objects.requireNonNull(onDropped, "onDropped");
        return producer.onBackpressureBuffer(BoundedBuffer.checkCapacity(capacity), onOverflow, strategy, onDropped);
    }

    /** {@code rebatchRequests(batch)}: RxJava's {@code limitRate}. At most {@code batch} items in flight. */
    public static <T> Flowable<T> inBatches(Flowable<T> producer, int batch) {
        Objects.requireNonNull(producer, "producer");
        return producer.rebatchRequests(BoundedBuffer.checkCapacity(batch));
    }
}
