package labs.level02_shared_state.lab04_bounded_buffer;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * In Reactor the bounded buffer is not a class you write: it is backpressure. A consumer's
 * {@code request(n)} is the "not full" condition, and an operator that has to hold items for a
 * slow consumer holds them in a buffer of a size you choose. This class is the lab's producer →
 * buffer of {@code capacity} → consumer, in the two shapes that matter:
 * <ul>
 *   <li>{@link #pull}: the producer honours demand, so the bound lives in the request and nothing
 *       can overflow (what {@code labs run lab04 --impl reactor-publishOn} measures);</li>
 *   <li>{@link #push}: the producer ignores demand, so the bound is a buffer with a rule for what
 *       happens when it is full ({@link BufferOverflowStrategy}).</li>
 * </ul>
 * In both, the consumer takes one item at a time and works on it ({@code consume(item)}, a
 * publisher whose completion means "done with it"); the result is the items in the order the
 * consumer finished them. The virtual-time tests and the marble diagrams drive these two methods
 * with timed consumers on a virtual-time scheduler given to the constructor.
 *
 * <p><b>Scheduler:</b> the consumer's, given to the constructor ({@link Schedulers#parallel()} by
 * default): in {@link #pull} the items are handed over on it ({@code publishOn}); in {@link #push}
 * each item's {@code consume} is subscribed on it. The producer runs wherever it was built to run.
 * {@code parallel()} must never block: a consumer whose work blocks needs
 * {@link Schedulers#boundedElastic()} (BlockHound rejects it on {@code parallel()}).
 *
 * <p><b>Backpressure:</b> the consumer holds one item at a time ({@code flatMap(…, 1)}: it asks for
 * the next when it is done) and at most {@code capacity} more wait for it: in {@link #pull} in
 * {@code publishOn}'s queue, which asks upstream for {@code capacity} and then tops up by 75% of
 * it; in {@link #push} in {@code onBackpressureBuffer(capacity, …)}, which asks upstream for
 * everything and applies the strategy when full. Dropped items go to {@code onDropped}, never
 * silently away. An error ends the run at once, the consumer's own or the producer's: the item in
 * the consumer's hands is cancelled with it.
 */
public final class ReactorBackpressure {

    private final int capacity;
    private final Scheduler consumer;

    public ReactorBackpressure(int capacity) {
        this(capacity, Schedulers.parallel());
    }

    public ReactorBackpressure(int capacity, Scheduler consumer) {
        this.capacity = BoundedBuffer.checkCapacity(capacity);
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    public int capacity() {
        return capacity;
    }

    /**
     * A producer that honours demand: {@code publishOn(consumer, capacity)}, then one item at a
     * time. At most {@code capacity} items are ever in flight between producer and consumer: the
     * bound is what is asked for, not a buffer, so nothing overflows and nothing is dropped.
     */
    public <T> Flux<T> pull(Flux<T> producer, Function<? super T, ? extends Publisher<?>> consume) {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(consume, "consume");
        return oneAtATime(producer.publishOn(consumer, capacity), item -> consumed(item, consume));
    }

    /**
     * A producer that ignores demand: {@code onBackpressureBuffer(capacity, onDropped, strategy)},
     * then one item at a time, each consumed on the consumer's scheduler. When the buffer is full
     * and another item arrives, {@link BufferOverflowStrategy#DROP_LATEST} drops the arrival,
     * {@link BufferOverflowStrategy#DROP_OLDEST} drops the item held longest, and
     * {@link BufferOverflowStrategy#ERROR} cancels the producer and fails with an overflow error
     * ({@code Exceptions.isOverflow}) once the items already held have been handed over.
     */
    public <T> Flux<T> push(Flux<T> producer, BufferOverflowStrategy strategy, Consumer<? super T> onDropped,
            Function<? super T, ? extends Publisher<?>> consume) {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(onDropped, "onDropped");
        Objects.requireNonNull(consume, "consume");
        return oneAtATime(producer.onBackpressureBuffer(capacity, onDropped, strategy),
                item -> consumed(item, consume).subscribeOn(consumer));
    }

    /** One in the consumer's hands: it asks for the next when it is done with this one. */
    private static <T> Flux<T> oneAtATime(Flux<T> items, Function<T, Mono<T>> consume) {
        return items.flatMap(consume, 1);
    }

    private static <T> Mono<T> consumed(T item, Function<? super T, ? extends Publisher<?>> consume) {
        return Mono.defer(() -> Flux.from(consume.apply(item)).then(Mono.just(item)));
    }
}
