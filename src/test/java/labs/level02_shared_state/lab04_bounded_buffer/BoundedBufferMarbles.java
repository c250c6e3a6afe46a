package labs.level02_shared_state.lab04_bounded_buffer;

import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Binds {@code marbles/lab04_bounded_buffer.md}.
 *
 * <p>The overflow scenarios feed the {@code producer} line to {@link ReactorBackpressure#bounded} or
 * {@link RxJavaBackpressure#bounded} with {@code given: capacity}; every item handed to
 * {@code onDropped} is probed on the {@code dropped} line; the slow consumer is the {@code requests}
 * line ({@link ConsumerDemand}; the legend says what each symbol requests). Where the libraries
 * disagree under one strategy name, each library's rule is its own scenario, bound to that library
 * only; where one library's rule can be had from the other with a different operator, the scenario
 * is bound to both and the prose names the operator.
 *
 * <p>The batching scenario probes, on the {@code upstream} line, every request that
 * {@code limitRate} / {@code rebatchRequests} sends to its source. The sink scenario offers each
 * item of the {@code offers} line to a {@link ReactorSinkBuffer}, probes refusals on {@code refused},
 * and closes the buffer when the line completes.
 */
public final class BoundedBufferMarbles implements MarbleBinding {

    private static final Pattern REQUEST = Pattern.compile("request\\((\\d+|unbounded)\\)");

    @Override
    public String file() {
        return "lab04_bounded_buffer.md";
    }

    @Override
    public void bind(Bindings bindings) {
        bindings.bindReactorOnly("Reactor DROP_LATEST: the arrival is dropped",
                run -> reactor(run, BufferOverflowStrategy.DROP_LATEST));
        bindings.bind("DROP_OLDEST: the longest-held item makes room",
                run -> reactor(run, BufferOverflowStrategy.DROP_OLDEST),
                run -> rxjava(run, BackpressureOverflowStrategy.DROP_OLDEST));
        bindings.bind("Reactor ERROR: the error waits behind the held items",
                run -> reactor(run, BufferOverflowStrategy.ERROR),
                // RxJava's operator with Reactor's ERROR rule: the bounded buffer with delayError.
                run -> slowly(run, run.flowable("producer")
                        .onBackpressureBuffer(run.givenInt("capacity"), true, false, () -> { }, item -> run.probe("dropped", item))));
        bindings.bindRxJavaOnly("RxJava DROP_LATEST: the newest held item is dropped",
                run -> rxjava(run, BackpressureOverflowStrategy.DROP_LATEST));
        bindings.bindRxJavaOnly("RxJava ERROR: fails at once, the held items are discarded",
                run -> rxjava(run, BackpressureOverflowStrategy.ERROR));
        bindings.bind("limitRate(8) asks for 8, then tops up by 6", run -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            return ReactorBackpressure.inBatches(run.flux("source")
                    .doOnRequest(n -> probeRequest(run, cancelled, n))
                    .doOnCancel(() -> cancelled.set(true)), run.givenInt("batch"));
        }, run -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            return RxJavaBackpressure.inBatches(run.flowable("source")
                    .doOnRequest(n -> probeRequest(run, cancelled, n))
                    .doOnCancel(() -> cancelled.set(true)), run.givenInt("batch"));
        });
        bindings.bindReactorOnly("a unicast sink over a queue of 3 refuses the fourth offer", BoundedBufferMarbles::sink);
    }

    private static Flux<String> reactor(ReactorCase run, BufferOverflowStrategy strategy) {
        return slowly(run, ReactorBackpressure.bounded(run.flux("producer"), run.givenInt("capacity"), strategy,
                item -> run.probe("dropped", item)));
    }

    private static Flowable<String> rxjava(RxJavaCase run, BackpressureOverflowStrategy strategy) {
        return slowly(run, RxJavaBackpressure.bounded(run.flowable("producer"), run.givenInt("capacity"), strategy,
                () -> { }, item -> run.probe("dropped", item)));
    }

    private static <T> Flux<T> slowly(ReactorCase run, Flux<T> items) {
        return Flux.from(new ConsumerDemand<>(items, run.flux("requests"), symbol -> requested(run, symbol)));
    }

    private static <T> Flowable<T> slowly(RxJavaCase run, Flowable<T> items) {
        return Flowable.fromPublisher(new ConsumerDemand<>(items, run.flowable("requests"), symbol -> requested(run, symbol)));
    }

    /**
     * Probes a request that reaches a live subscription. Both {@code limitRate} and
     * {@code rebatchRequests} send their first {@code request(8)} right after the subscriber's
     * {@code onSubscribe} returns, even when it cancelled in there; by Reactive Streams §3.6 a request
     * after cancel is a no-op, so it is not drawn (the probe sits below the cancel hook: it sees
     * the cancel first).
     */
    private static void probeRequest(MarbleCase run, AtomicBoolean cancelled, long n) {
        if (!cancelled.get()) {
            run.probe("upstream", n);
        }
    }

    /** The sink: each offer is {@code tryEmitNext}; a refusal must be {@code FAIL_OVERFLOW}, and is probed. */
    private static Flux<String> sink(ReactorCase run) {
        ReactorSinkBuffer<String> buffer = new ReactorSinkBuffer<>(run.givenInt("capacity"));
        Flux<String> items = slowly(run, buffer.items());
        Flux<String> producer = run.flux("offers")
                .doOnNext(item -> {
                    if (!buffer.offer(item)) {
                        if (buffer.lastRefusal() != Sinks.EmitResult.FAIL_OVERFLOW) {
                            throw new IllegalStateException("offer(" + item + ") refused with " + buffer.lastRefusal());
                        }
                        run.probe("refused", item);
                    }
                })
                .doOnComplete(buffer::close)
                .ignoreElements()
                .flux();
        return Flux.merge(items, producer);
    }

    /** A requests-line symbol as {@code n} of {@code request(n)}: the legend says {@code r = request(1)}, {@code R = request(unbounded)}. */
    private static long requested(MarbleCase run, String symbol) {
        String text = run.value(symbol);
        Matcher m = REQUEST.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException("the legend must explain '" + symbol + "' as request(n) or request(unbounded), not " + text);
        }
        return m.group(1).equals("unbounded") ? Long.MAX_VALUE : Long.parseLong(m.group(1));
    }
}
