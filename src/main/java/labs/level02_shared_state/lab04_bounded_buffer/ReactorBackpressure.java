package labs.level02_shared_state.lab04_bounded_buffer;

import java.util.Objects;
import java.util.function.Consumer;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;

/**
 * In Reactor the bounded buffer is not a class you write: it is backpressure. A subscriber's
 * {@code request(n)} is the "not full" condition, and an operator that has to hold items for a slow
 * subscriber holds them in a buffer of a size you choose, with a rule for what happens when it is
 * full. This class names the three shapes the lab compares.
 *
 * <p><b>Scheduler:</b> none of its own; every operator here runs on the thread that signals it
 * (the producer's for onNext, the consumer's for request). Tests drive them in virtual time.
 *
 * <p><b>Backpressure:</b> described per method: that is the point of the class.
 */
public final class ReactorBackpressure {

    private ReactorBackpressure() {
    }

    /**
     * A producer that ignores demand, a consumer that requests slowly, and at most {@code capacity}
     * items held for it. {@code onBackpressureBuffer} requests everything upstream and, when the
     * buffer is full and another item arrives:
     * {@link BufferOverflowStrategy#DROP_LATEST} drops the arriving item,
     * {@link BufferOverflowStrategy#DROP_OLDEST} drops the oldest held one to make room,
     * {@link BufferOverflowStrategy#ERROR} cancels the producer and signals an overflow error
     * ({@code Exceptions.isOverflow}). Dropped items go to {@code onDropped}, never silently away.
     */
    public static <T> Flux<T> bounded(Flux<T> producer, int capacity, BufferOverflowStrategy strategy,
            Consumer<? super T> onDropped) {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(onDropped, "onDropped");
        return producer.onBackpressureBuffer(BoundedBuffer.checkCapacity(capacity), onDropped, strategy);
    }

    /**
     * A producer that honours demand, asked for at most {@code batch} items at a time:
     * {@code limitRate} requests {@code batch} first, then tops up by 75% of it each time that many
     * have been delivered. At most {@code batch} items are ever in flight: the bound lives in the
     * request, not in a buffer, so nothing can overflow and nothing is dropped.
     */
    public static <T> Flux<T> inBatches(Flux<T> producer, int batch) {
        Objects.requireNonNull(producer, "producer");
        return producer.limitRate(BoundedBuffer.checkCapacity(batch));
    }
}
