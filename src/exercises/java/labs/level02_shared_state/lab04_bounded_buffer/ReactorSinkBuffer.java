package labs.level02_shared_state.lab04_bounded_buffer;

import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * EXERCISE (lab04): a push-side bounded buffer on a unicast sink. It holds at most
 * {@code capacity} items its one consumer has not taken yet; the next {@link #offer} is refused
 * with {@link Sinks.EmitResult#FAIL_OVERFLOW}, never dropped silently, and never parks a thread.
 * {@link #complete} ends the items; when an offer is inside the sink at that moment
 * ({@code FAIL_NON_SERIALIZED}) it retries on the scheduler every {@link #RETRY_EVERY}, up to
 * {@link #RETRIES} times (then fails with an {@link IllegalStateException}); completing twice is a no-op.
 *
 * <p>Nothing here may park a thread, not even under contention: a consumer may request from a
 * {@code parallel()} thread while the producer offers (BlockHound rejects a lock that parks there).
 *
 * <p><b>Scheduler:</b> items are delivered on the offering or the requesting thread; the given
 * scheduler ({@code parallel()} by default) only times {@link #complete}'s retries.
 *
 * <p><b>Backpressure:</b> the consumer receives no more than it requested; at most
 * {@code capacity} wait.
 */
public final class ReactorSinkBuffer<T> {

    static final Duration RETRY_EVERY = Duration.ofMillis(1);
    static final int RETRIES = 5_000;

    private final int capacity;
    private final Scheduler scheduler;

    public ReactorSinkBuffer(int capacity) {
        this(capacity, Schedulers.parallel());
    }

    public ReactorSinkBuffer(int capacity, Scheduler scheduler) {
        this.capacity = BoundedBuffer.checkCapacity(capacity);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        // TODO(lab04): create the sink (and whatever enforces the exact capacity) here
    }

    public int capacity() {
        return capacity;
    }

    /** Offers {@code item}: {@code OK} if it was accepted, else why not ({@code FAIL_OVERFLOW} when full). */
    public Sinks.EmitResult offer(T item) {
        throw new UnsupportedOperationException("TODO(lab04): refuse with FAIL_OVERFLOW when capacity items wait, else emit it and return the sink's answer");
    }

    /** No more items: subscribe to end them. */
    public Mono<Void> complete() {
        throw new UnsupportedOperationException("TODO(lab04): complete the sink, retrying on the scheduler while another offer is inside it");
    }

    /** The one consumer's view. */
    public Flux<T> items() {
        throw new UnsupportedOperationException("TODO(lab04): the sink as a Flux, counting each item delivered");
    }
}
