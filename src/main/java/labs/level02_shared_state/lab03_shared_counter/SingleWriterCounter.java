package labs.level02_shared_state.lab03_shared_counter;

import io.reactivex.rxjava3.core.FlowableSubscriber;
import java.util.Objects;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * The blocking edge over a {@link SingleWriter} core: it subscribes to the core's totals once, as
 * the single writer, and keeps the latest one for {@link #get}. It adds no synchronization of its
 * own, so the {@link Counter} contract holds exactly when the core serializes its totals (and
 * {@link #get} is linearizable exactly when an increment is folded before its call returns).
 *
 * <p>It subscribes as both a Reactor {@code CoreSubscriber} and an RxJava {@code FlowableSubscriber}
 * on purpose: handed any other {@code Subscriber}, {@code Flux.subscribe} and
 * {@code Flowable.subscribe} wrap it in a "strict" subscriber that drops an {@code onNext} arriving
 * while another is running. That would turn the unserialized lesson's two writers back into one
 * that silently loses events: a different bug than the one the lesson shows.
 *
 * <p><b>Scheduler:</b> none; {@code onNext} runs on whichever thread the core delivers on.
 * <b>Backpressure:</b> requests {@code Long.MAX_VALUE}: a running total is written, never queued here.
 */
public final class SingleWriterCounter implements Counter {

    private final SingleWriter core;
    private final Writer writer = new Writer();

    private SingleWriterCounter(SingleWriter core) {
        this.core = Objects.requireNonNull(core, "core");
    }

    /** Subscribes to {@code core}'s totals (before any increment, so none is missed) and returns the counter. */
    public static SingleWriterCounter subscribe(SingleWriter core) {
        SingleWriterCounter counter = new SingleWriterCounter(core);
        core.totals().subscribe(counter.writer);
        return counter;
    }

    @Override
    public void increment() {
        core.increment();
    }

    @Override
    public long get() {
        return writer.total;
    }

    /** The core this counter writes from (the CLI reads a lesson's own figures from it). */
    public SingleWriter core() {
        return core;
    }

    /** The error that ended the totals, or null while they run. A correct core never sends one. */
    public Throwable failure() {
        return writer.failure;
    }

    /** Cancels the subscription: later increments are not counted. */
    @Override
    public void close() {
        Subscription subscription = writer.subscription;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /** The single writer: the only code that writes the total. */
    private static final class Writer implements CoreSubscriber<Long>, FlowableSubscriber<Long> {
        // Written by the delivering thread only; volatile so that get() on other threads sees it.
        private volatile long total;
        private volatile Throwable failure;
        private volatile Subscription subscription;

        @Override
        public void onSubscribe(Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Long runningTotal) {
            total = runningTotal;
        }

        @Override
        public void onError(Throwable error) {
            failure = error;
        }

        @Override
        public void onComplete() {
        }
    }
}
