package labs.level02_shared_state.lab04_bounded_buffer;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * EXERCISE (lab04): the bounded buffer as backpressure, in Reactor. A producer → a buffer of
 * {@code capacity} → a consumer that takes one item at a time and works on it
 * ({@code consume(item)}: a publisher whose completion means "done with it"). The result is the
 * items in the order the consumer finished them. The tests give you a virtual-time scheduler; the
 * marbles page ({@code marbles/lab04_bounded_buffer.md}) draws what each method must emit.
 *
 * <p><b>Scheduler:</b> the consumer's, given to the constructor ({@code parallel()} by default): in
 * {@link #pull} items are handed over on it; in {@link #push} each item's {@code consume} is
 * subscribed on it.
 *
 * <p><b>Backpressure:</b> the consumer holds one item at a time and asks for the next when done;
 * at most {@code capacity} more wait for it. An error ends the run at once.
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
     * A producer that honours demand: at most {@code capacity} items ever in flight between it and
     * the consumer, asked for {@code capacity} first and then topped up by 75% of it. Nothing
     * overflows and nothing is dropped.
     */
    public <T> Flux<T> pull(Flux<T> producer, Function<? super T, ? extends Publisher<?>> consume) {
        throw new UnsupportedOperationException("TODO(lab04): hand the items over on the consumer's scheduler with a prefetch of capacity, then consume them one at a time");
    }

    /**
     * A producer that ignores demand: at most {@code capacity} items held for the consumer; when
     * full, {@code strategy} decides (DROP_LATEST drops the arrival, DROP_OLDEST the item held
     * longest, ERROR cancels the producer and fails once the held items are handed over), and
     * every dropped item goes to {@code onDropped}.
     */
    public <T> Flux<T> push(Flux<T> producer, BufferOverflowStrategy strategy, Consumer<? super T> onDropped,
            Function<? super T, ? extends Publisher<?>> consume) {
        throw new UnsupportedOperationException("TODO(lab04): buffer at most capacity items with the strategy, then consume them one at a time, each on the consumer's scheduler");
    }
}
