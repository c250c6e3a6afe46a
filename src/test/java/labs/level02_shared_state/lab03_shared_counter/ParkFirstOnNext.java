package labs.level02_shared_state.lab03_shared_counter;

import io.reactivex.rxjava3.core.Flowable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import reactor.core.publisher.Flux;

/**
 * A single writer that makes a race happen on cue: subscribed to a core's totals in place of
 * {@link SingleWriterCounter}, it writes each total as that edge does ({@code latest = total}),
 * except that its first {@code onNext} parks (on whichever thread made it) before writing, until
 * the test releases it. So a test can emit from a second thread while the first is provably inside
 * {@code onNext}: {@link #parkEmitterA} has thread {@code emitter-A} increment and park there. It
 * records every total it received, on which thread, and the most calls that were inside at once
 * (rule 1.3 says one). Every wait is bounded ({@link Watch#BOUND}).
 */
final class ParkFirstOnNext implements AutoCloseable {

    /** A total as it reached the writer, and the thread that delivered it. */
    record Delivery(long total, String thread) {
    }

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean first = new AtomicBoolean(true);
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInsideAtOnce = new AtomicInteger();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile long latest;
    private final SingleWriter core;
    private final AutoCloseable subscription;
    private Staged<Boolean> emitterA;

    private ParkFirstOnNext(SingleWriter core) {
        this.core = core;
        // Each library's own lambda subscriber: wrapped in another library's "strict" subscriber, a
        // second concurrent onNext would be dropped instead of reaching us (see SingleWriterCounter).
        this.subscription = switch (core.totals()) {
            case Flux<Long> totals -> totals.subscribe(this::onNext)::dispose;
            case Flowable<Long> totals -> totals.subscribe(this::onNext)::dispose;
            default -> throw new IllegalArgumentException("totals of neither library: " + core.totals());
        };
    }

    /** Subscribes a parking writer to {@code core}'s totals. */
    static ParkFirstOnNext subscribeTo(SingleWriter core) {
        return new ParkFirstOnNext(core);
    }

    private void onNext(long total) {
        mostInsideAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
        deliveries.add(new Delivery(total, Thread.currentThread().getName()));
        try {
            if (first.compareAndSet(true, false)) {
                entered.countDown();
                Watch.await("the test releasing the parked onNext", release);
            }
            latest = total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inside.decrementAndGet();
        }
    }

    /** Starts thread {@code emitter-A} calling the core's {@code increment()}, and waits until it is parked inside onNext. */
    void parkEmitterA() throws InterruptedException {
        emitterA = Staged.run("emitter-A", core::increment);
        Watch.await("emitter-A entering onNext", entered);
    }

    /** Lets the parked onNext go on, and waits for emitter-A's increment to return. */
    void releaseEmitterA() throws InterruptedException {
        release();
        Result<Boolean> outcome = emitterA.join();
        if (!outcome.succeeded()) {
            throw new AssertionError("emitter-A's increment threw " + outcome.error(), outcome.error());
        }
    }

    void release() {
        release.countDown();
    }

    /** The totals received so far, in order of arrival. */
    List<Long> totals() {
        return deliveries.stream().map(Delivery::total).toList();
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The last total written, as {@link SingleWriterCounter#get} would return it. */
    long latest() {
        return latest;
    }

    int mostInsideAtOnce() {
        return mostInsideAtOnce.get();
    }

    /** Releases a parked onNext, if any, waits for emitter-A, and cancels the subscription. */
    @Override
    public void close() throws Exception {
        release();
        if (emitterA != null) {
            emitterA.join();
        }
        subscription.close();
    }
}
