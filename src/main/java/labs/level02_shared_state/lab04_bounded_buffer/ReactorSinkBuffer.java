package labs.level02_shared_state.lab04_bounded_buffer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A push-side bounded buffer: {@code Sinks.many().unicast().onBackpressureBuffer(queue)} with a
 * queue of exactly {@code capacity}. Items wait in the queue until the one subscriber requests
 * them; when the queue is full, {@link #offer} returns false, the sink's
 * {@link Sinks.EmitResult#FAIL_OVERFLOW}. That is {@code BoundedBuffer.offer} with a zero timeout:
 * the producer learns at once that it must wait, drop, or fail. There is no blocking {@code put}
 * on purpose: a reactive producer must not park a thread.
 *
 * <p>(Reactor's own {@code Queues.get(n)} would round the capacity up to a power of two, at least 8;
 * an {@link ArrayBlockingQueue} keeps the stated bound exact. Its lock is held only for a slot
 * update, never across a wait: offer and poll on it do not block.)
 *
 * <p><b>Scheduler:</b> none; items are delivered on the thread that offers (if the subscriber has
 * requested) or on the thread that requests (draining what waited).
 *
 * <p><b>Backpressure:</b> honoured exactly: the subscriber receives no more than it requested, the
 * rest waits in the bounded queue, and overflow is reported to the producer, never dropped silently.
 * Offers from several threads must be serialized by the caller (a sink refuses a concurrent emitter
 * with {@code FAIL_NON_SERIALIZED}; see lab03); {@link #offer} reports that as false too.
 */
public final class ReactorSinkBuffer<T> {

    /** How long close() spins while another thread is inside the sink (an offer being delivered). */
    private static final Duration CLOSE_RETRY_BOUND = Duration.ofSeconds(5);

    private final int capacity;
    private final Sinks.Many<T> sink;
    private final Supplier<Sinks.EmitFailureHandler> closeRetry;
    private volatile Sinks.EmitResult lastRefusal;

    public ReactorSinkBuffer(int capacity) {
        // A fresh handler per close: busyLooping fixes its deadline when created (lab03 FAILURE.md §5).
        this(capacity, () -> Sinks.EmitFailureHandler.busyLooping(CLOSE_RETRY_BOUND));
    }

    /** Tests inject the handler close() retries with, to stage a close that races an offer. */
    ReactorSinkBuffer(int capacity, Supplier<Sinks.EmitFailureHandler> closeRetry) {
        this.capacity = BoundedBuffer.checkCapacity(capacity);
        this.sink = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(capacity));
        this.closeRetry = Objects.requireNonNull(closeRetry, "closeRetry");
    }

    public int capacity() {
        return capacity;
    }

    /** Returns whether the item was accepted; {@link #lastRefusal} says why not. */
    public boolean offer(T item) {
        Sinks.EmitResult result = sink.tryEmitNext(BoundedBuffer.checkItem(item));
        lastRefusal = result.isFailure() ? result : null;
        return result.isSuccess();
    }

    /** Why the last offer was refused ({@code FAIL_OVERFLOW} when full), or null if it was accepted. */
    public Sinks.EmitResult lastRefusal() {
        return lastRefusal;
    }

    /**
     * No more items: the subscriber gets what is queued, then completes. A close that meets an offer
     * still inside the sink is refused with {@code FAIL_NON_SERIALIZED}; it retries (spinning, bounded
     * to 5 s) instead of losing the completion. Closing again is a no-op ({@code emitComplete} ignores
     * {@code FAIL_TERMINATED}); a sink still busy after the bound throws {@code EmissionException}.
     */
    public void close() {
        sink.emitComplete(closeRetry.get());
    }

    /** The one subscriber's view (unicast: a second subscriber is refused with an error). */
    public Flux<T> items() {
        return sink.asFlux();
    }
}
