package labs.level02_shared_state.lab03_shared_counter;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

/**
 * The single-writer principle in Reactor: threads do not touch the total. Each
 * {@link #increment} is an event pushed into one sink; one subscriber folds the events with
 * {@code scan} and is the only code that ever writes the total. Reactive Streams rule 1.3
 * (onNext is never called concurrently) is what makes that fold safe without a lock.
 *
 * <p>The catch: the sink only keeps rule 1.3 by refusing a second emitter. While one thread is
 * inside {@code onNext}, another's {@code tryEmitNext} returns {@link Sinks.EmitResult#FAIL_NON_SERIALIZED}
 * and the event is <em>not</em> delivered ({@link TryEmitCounter} ignores that and loses increments).
 * Here every emission goes through an {@link Sinks.EmitFailureHandler} that retries exactly that
 * failure: {@link Sinks.EmitFailureHandler#busyLooping} by default, bounded so a subscriber that
 * never returns makes {@code increment} fail instead of spinning forever. The handler is created
 * per emission, because its deadline starts when it is created (JMH caught the shared-handler
 * version failing every contended increment once the counter was 5 s old).
 *
 * <p><b>Scheduler:</b> none of its own. The fold runs on whichever thread won the emission, inside
 * its {@code increment} call, so when {@code increment} returns its event is in the total.
 *
 * <p><b>Backpressure:</b> the subscriber requests {@code Long.MAX_VALUE}; the unicast sink's
 * queue only holds events while another emission is being delivered, which never happens here
 * because contending emitters retry rather than enqueue.
 */
public final class ReactorSingleWriterCounter implements Counter, Disposable {

    /** Long enough for any honest onNext to finish; short enough that a stuck subscriber surfaces. */
    static final Duration CONTENTION_BOUND = Duration.ofSeconds(5);

    private final Sinks.Many<Long> increments = Sinks.many().unicast().onBackpressureBuffer();
    private final Supplier<Sinks.EmitFailureHandler> onContention;
    private final Disposable subscription;
    // Written by the single subscriber only; volatile so that get() on other threads sees it.
    private volatile long total;
    private volatile Throwable failure;

    public ReactorSingleWriterCounter() {
        // A new handler per emission: busyLooping fixes its deadline when it is *created*, so one
        // shared handler would stop retrying for good CONTENTION_BOUND after construction.
        this(() -> Sinks.EmitFailureHandler.busyLooping(CONTENTION_BOUND), total -> { });
    }

    /** Tests inject the handler factory and a hook that runs inside onNext, before the total is written. */
    ReactorSingleWriterCounter(Supplier<Sinks.EmitFailureHandler> onContention, LongConsumer insideOnNext) {
        this.onContention = Objects.requireNonNull(onContention, "onContention");
        Objects.requireNonNull(insideOnNext, "insideOnNext");
        this.subscription = increments.asFlux()
                .scan(0L, Long::sum)
                .skip(1) // scan's seed is not an event
                .subscribe(sum -> {
                    insideOnNext.accept(sum);
                    total = sum;
                }, error -> failure = error);
    }

    @Override
    public String name() {
        return "reactor-single-writer";
    }

    @Override
    public void increment() {
        increments.emitNext(1L, onContention.get());
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
