package labs.level02_shared_state.lab03_shared_counter;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.processors.FlowableProcessor;
import io.reactivex.rxjava3.processors.PublishProcessor;

/**
 * The single-writer principle in RxJava: increments are events emitted into a
 * {@code PublishProcessor.toSerialized()} and folded with {@code scan}.
 *
 * <p>Where Reactor's sink refuses a second emitter, RxJava's serialized processor queues the
 * event and lets the thread already emitting deliver it ("emitter loop"): a contending
 * {@code onNext} returns at once and nothing is lost, but the event may be delivered on another
 * thread, after the call returned. So it is <b>not linearizable</b>: the caller's own {@code get()}
 * right after {@code increment()} can miss it (Lincheck finds {@code increment(); get(): 0}). It is
 * exact once quiescent: after every increment has returned and the emitting thread has left.
 * Without {@code toSerialized()}, two threads run the fold at once ({@link RxJavaUnserializedWriter}).
 *
 * <p><b>Scheduler:</b> none of its own; the fold runs on an emitting thread. The serializer guards
 * its "someone is emitting" flag with {@code synchronized}: held for a few instructions, but a
 * contended monitor can park, which BlockHound cannot see.
 *
 * <p><b>Backpressure:</b> none toward the emitters. {@code PublishProcessor} does not buffer (an
 * increment emitted before anyone subscribes is dropped), but the serializer's queue has no bound:
 * while one thread delivers, every other emitter appends and returns, and under sustained contention
 * the delivering thread can stay trapped in the emit loop while the queue grows (JMH at 2 threads:
 * past 6 GB; FAILURE.md). Fine for bursts, wrong as a sink for a firehose.
 */
public final class RxJavaSerializedWriter implements SingleWriter {

    private final FlowableProcessor<Long> increments = PublishProcessor.<Long>create().toSerialized();

    @Override
    public void increment() {
        increments.onNext(1L);
    }

    @Override
    public Flowable<Long> totals() {
        return increments.scan(Long::sum);
    }
}
