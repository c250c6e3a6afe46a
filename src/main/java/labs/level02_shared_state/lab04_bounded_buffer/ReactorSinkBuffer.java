package labs.level02_shared_state.lab04_bounded_buffer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;
import reactor.util.retry.Retry;

/**
 * A push-side bounded buffer: a unicast sink ({@code Sinks.many().unicast().onBackpressureBuffer(queue)})
 * that holds at most {@code capacity} items its one consumer has not asked for yet. When it holds
 * that many, {@link #offer} refuses with {@link Sinks.EmitResult#FAIL_OVERFLOW}: that is
 * {@code BoundedBuffer.offer} with a zero timeout, and the producer learns at once that it must
 * wait, drop, or fail. There is no blocking {@code put} on purpose: a reactive producer must not
 * park a thread. {@link #complete} ends the items, as a publisher: it never blocks nor spins.
 *
 * <p>The queue is Reactor's own lock-free single-producer single-consumer queue ({@code Queues.get},
 * which rounds the size up to a power of two, at least 8), and the exact bound is a count that
 * {@link #offer} checks. Not an {@code ArrayBlockingQueue}, which keeps the bound exact but takes
 * a lock for every offer and poll: a consumer requesting from a {@code parallel()} thread while the
 * producer offers would park on it, which BlockHound rejects (DESIGN.md, "Non-blocking threads").
 *
 * <p><b>Scheduler:</b> items are delivered on the thread that offers (if the consumer has asked for
 * them) or on the thread that requests (draining what waited). The scheduler given to the
 * constructor ({@link Schedulers#parallel()} by default) only times {@link #complete}'s retries.
 *
 * <p><b>Backpressure:</b> honoured exactly: the consumer receives no more than it requested, at
 * most {@code capacity} wait, and overflow is reported to the producer, never dropped silently.
 * Offers from several threads must not overlap: the sink refuses an offer made while another is
 * inside it with {@code FAIL_NON_SERIALIZED} (see lab03), and {@link #offer} returns that too.
 */
public final class ReactorSinkBuffer<T> {

    /** How often, and how many times, {@link #complete} retries while an offer is inside the sink. */
    static final Duration RETRY_EVERY = Duration.ofMillis(1);
    static final int RETRIES = 5_000;

    private final int capacity;
    private final Scheduler scheduler;
    private final Sinks.Many<T> sink;
    /** Items offered and not yet delivered: what the bound counts. */
    private final AtomicInteger held = new AtomicInteger();

    public ReactorSinkBuffer(int capacity) {
        this(capacity, Schedulers.parallel());
    }

    public ReactorSinkBuffer(int capacity, Scheduler scheduler) {
        this.capacity = BoundedBuffer.checkCapacity(capacity);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<T>get(capacity).get());
    }

    public int capacity() {
        return capacity;
    }

    /** Offers {@code item}: {@code OK} if it was accepted, else why not ({@code FAIL_OVERFLOW} when full). */
    public Sinks.EmitResult offer(T item) {
        BoundedBuffer.checkItem(item);
        // Reserve the place first: the consumer may take the item before tryEmitNext returns.
        if (held.incrementAndGet() > capacity) {
            held.decrementAndGet();
            return Sinks.EmitResult.FAIL_OVERFLOW;
        }
        Sinks.EmitResult result = sink.tryEmitNext(item);
        if (result.isFailure()) {
            held.decrementAndGet();
        }
        return result;
    }

    /**
     * No more items: subscribe to end them; the consumer gets what waits, then completes. While
     * an offer is inside the sink the completion is refused ({@code FAIL_NON_SERIALIZED}); it is
     * retried on the scheduler every {@link #RETRY_EVERY}, up to {@link #RETRIES} times, instead of
     * being lost, and the retries give up with an {@link IllegalStateException}. Completing again
     * is a no-op.
     */
    public Mono<Void> complete() {
        return Mono.defer(() -> {
                    Sinks.EmitResult result = sink.tryEmitComplete();
                    return result == Sinks.EmitResult.FAIL_NON_SERIALIZED ? Mono.error(new Busy()) : Mono.<Void>empty();
                })
                .retryWhen(Retry.fixedDelay(RETRIES, RETRY_EVERY).scheduler(scheduler).filter(Busy.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> new IllegalStateException(
                                "the sink was still busy with an offer after " + RETRIES + " retries, " + RETRY_EVERY.toMillis() + " ms apart")));
    }

    /** The one consumer's view (unicast: a second subscriber is refused with an error). */
    public Flux<T> items() {
        return sink.asFlux().doOnNext(item -> held.decrementAndGet());
    }

    /** Another offer was inside the sink: try again. */
    private static final class Busy extends RuntimeException {
        Busy() {
            super("an offer is inside the sink", null, false, false);
        }
    }
}
