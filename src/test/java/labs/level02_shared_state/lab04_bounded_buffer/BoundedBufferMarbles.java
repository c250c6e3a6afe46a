package labs.level02_shared_state.lab04_bounded_buffer;

import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Binds {@code marbles/lab04_bounded_buffer.md} to the lab's reactive cores, built with
 * {@code given: capacity} and the run's virtual-time scheduler.
 *
 * <p>The overflow scenarios feed the {@code producer} line to {@link ReactorBackpressure#push} or
 * {@link RxJavaBackpressure#push}; the consumer works {@code given: consume} (virtual time) on each
 * item, and the {@code taken} line probes when it takes one; every item handed to
 * {@code onDropped} is probed on the {@code dropped} line. Where the libraries disagree under one
 * strategy name, each library's rule is its own scenario, bound to that library only.
 *
 * <p>The pull scenarios feed the {@code source} line to {@link ReactorBackpressure#pull} /
 * {@link RxJavaBackpressure#pull} and probe, on the {@code upstream} line, every request that
 * reaches the source. The sink scenario offers each item of the {@code offers} line to a
 * {@link ReactorSinkBuffer}, probes refusals on {@code refused}, completes it when the line
 * completes, and consumes its items with the {@code requests} line's demand.
 */
@MarbleFile("lab04_bounded_buffer.md")
public final class BoundedBufferMarbles implements MarbleBinding {

    @Override
    public void bind(Bindings bindings) {
        bindings.bindReactorOnly("Reactor DROP_LATEST: the arrival is dropped",
                run -> push(run, BufferOverflowStrategy.DROP_LATEST));
        bindings.bind("DROP_OLDEST: the longest-held item makes room",
                run -> push(run, BufferOverflowStrategy.DROP_OLDEST),
                run -> push(run, BackpressureOverflowStrategy.DROP_OLDEST));
        bindings.bindReactorOnly("Reactor ERROR: the error waits behind the held items",
                run -> push(run, BufferOverflowStrategy.ERROR));
        bindings.bindRxJavaOnly("RxJava DROP_LATEST: the newest held item is dropped",
                run -> push(run, BackpressureOverflowStrategy.DROP_LATEST));
        bindings.bindRxJavaOnly("RxJava ERROR: fails at once, the held items are discarded",
                run -> push(run, BackpressureOverflowStrategy.ERROR));
        bindings.bindEach(List.of("pull(8) asks for 8, then tops up by 6", "a slow consumer paces the top-ups"), BoundedBufferMarbles::pull, BoundedBufferMarbles::pull);
        bindings.bindReactorOnly("a unicast sink holding 3 refuses the fourth offer", BoundedBufferMarbles::sink);
    }

    private static Flux<String> push(ReactorCase run, BufferOverflowStrategy strategy) {
        return new ReactorBackpressure(run.givenInt("capacity"), run.scheduler())
                .push(run.flux("producer"), strategy, item -> run.probe("dropped", item), item -> take(run, item));
    }

    private static Flowable<String> push(RxJavaCase run, BackpressureOverflowStrategy strategy) {
        return new RxJavaBackpressure(run.givenInt("capacity"), run.scheduler())
                .push(run.flowable("producer"), strategy, item -> run.probe("dropped", item), item -> take(run, item));
    }

    private static Flux<String> pull(ReactorCase run) {
        AtomicBoolean cancelled = new AtomicBoolean();
        return new ReactorBackpressure(run.givenInt("capacity"), run.scheduler())
                .pull(run.flux("source").doOnRequest(n -> probeRequest(run, cancelled, n)).doOnCancel(() -> cancelled.set(true)),
                        item -> consume(run));
    }

    private static Flowable<String> pull(RxJavaCase run) {
        AtomicBoolean cancelled = new AtomicBoolean();
        return new RxJavaBackpressure(run.givenInt("capacity"), run.scheduler())
                .pull(run.flowable("source").doOnRequest(n -> probeRequest(run, cancelled, n)).doOnCancel(() -> cancelled.set(true)),
                        item -> consume(run));
    }

    /** Reactor's consumer: works {@code given: consume} on the item (virtual time). */
    private static Mono<Long> consume(ReactorCase run) {
        return Mono.delay(consumeTime(run), run.scheduler());
    }

    private static Completable consume(RxJavaCase run) {
        return Completable.timer(consumeTime(run).toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
    }

    /** The same, and the moment it takes the item drawn on the {@code taken} line. */
    private static Mono<Long> take(ReactorCase run, String item) {
        return Mono.defer(() -> {
            run.probe("taken", item);
            return consume(run);
        });
    }

    private static Completable take(RxJavaCase run, String item) {
        return Completable.defer(() -> {
            run.probe("taken", item);
            return consume(run);
        });
    }

    private static Duration consumeTime(MarbleCase run) {
        return MarbleCase.duration(run.given("consume"));
    }

    /**
     * Probes a request that reaches a live subscription. Both {@code publishOn} and
     * {@code observeOn} send their first request right after the subscriber's {@code onSubscribe}
     * returns, even when it cancelled in there; by Reactive Streams §3.6 a request after cancel is
     * a no-op, so it is not drawn (the probe sits below the cancel hook: it sees the cancel first).
     */
    private static void probeRequest(MarbleCase run, AtomicBoolean cancelled, long n) {
        if (!cancelled.get()) {
            run.probe("upstream", n);
        }
    }

    /**
     * The sink: each offer must be accepted or refused with {@code FAIL_OVERFLOW} (refusals are
     * probed); the line's end completes it. Its consumer takes one item at a time and works
     * {@code given: consume} on it, as in the overflow scenarios.
     */
    private static Flux<String> sink(ReactorCase run) {
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(run.givenInt("capacity"), run.scheduler());
        Flux<String> producer = run.flux("offers")
                .doOnNext(item -> {
                    Sinks.EmitResult result = buffer.offer(item);
                    if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                        run.probe("refused", item);
                    } else if (result.isFailure()) {
                        throw new IllegalStateException("offer(" + item + ") refused with " + result);
                    }
                })
                .then(buffer.complete())
                .thenMany(Flux.empty());
        Flux<String> consumer = buffer.items().flatMap(item -> take(run, item).thenReturn(item), 1);
        return Flux.merge(consumer, producer);
    }
}
