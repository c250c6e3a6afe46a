package labs.level02_shared_state.lab03_shared_counter;

import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.processors.FlowableProcessor;
import io.reactivex.rxjava3.processors.PublishProcessor;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The single-writer principle in RxJava: increments are events pushed into a
 * {@code PublishProcessor.toSerialized()}, folded by one subscriber with {@code scan}.
 *
 * <p>Where Reactor's sink refuses a second emitter, RxJava's serialized processor queues the
 * event and lets the thread already emitting deliver it ("emitter loop"): a contending
 * {@code onNext} returns at once and nothing is lost, but the event may be delivered on another
 * thread, after the call returned. So it is <b>not linearizable</b>: the caller's own {@code get()}
 * right after {@code increment()} can miss it (Lincheck finds {@code increment(); get(): 0}). It is
 * exact once quiescent: after every increment has returned and the emitting thread has left. Without {@code toSerialized()} two threads run the subscriber
 * at the same time ({@link UnserializedProcessorCounter}).
 *
 * <p><b>Scheduler:</b> none of its own; the fold runs on an emitting thread.
 *
 * <p><b>Backpressure:</b> none toward the emitters. {@code PublishProcessor} does not buffer and the
 * subscriber requests {@code Long.MAX_VALUE}, but the serializer's queue has no bound: while one
 * thread delivers, every other emitter appends and returns, and under sustained contention the
 * delivering thread can stay trapped in the emit loop while the queue grows (JMH at 2 threads: past
 * 6 GB; see NOTES.md). Fine for bursts, wrong as a sink for a firehose.
 */
public final class RxJavaSingleWriterCounter implements Counter, Disposable {

    private final FlowableProcessor<Long> increments = PublishProcessor.<Long>create().toSerialized();
    private final Disposable subscription;
    private volatile long total;
    private volatile Throwable failure;

    public RxJavaSingleWriterCounter() {
        this(total -> { });
    }

    /** Tests inject a hook that runs inside onNext, before the total is written. */
    RxJavaSingleWriterCounter(LongConsumer insideOnNext) {
        Objects.requireNonNull(insideOnNext, "insideOnNext");
        this.subscription = increments
                .scan(0L, Long::sum)
                .skip(1)
                .subscribe(sum -> {
                    insideOnNext.accept(sum);
                    total = sum;
                }, error -> failure = error);
    }

    @Override
    public String name() {
        return "rxjava-toSerialized";
    }

    @Override
    public void increment() {
        increments.onNext(1L);
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
