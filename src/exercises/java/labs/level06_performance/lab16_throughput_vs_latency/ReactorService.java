package labs.level06_performance.lab16_throughput_vs_latency;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * YOUR Reactor service — lab16's second starting point. Replace every {@code TODO(lab16)}; the
 * lab's tests (the contract test for {@code reactor}, {@code ReactiveServiceInVirtualTimeTest},
 * {@code LoadInVirtualTimeTest}) and the diagrams in {@code marbles/lab16_throughput_vs_latency.md}
 * then check your code.
 *
 * <p>The shape: a reactive core, and a thin blocking edge over it (the contract: {@link Service}).
 * <ul>
 *   <li>{@link #serve(Flux)} — the core: stamp each request's arrival with {@code clock}, batch
 *       them ({@code spec.batchSize()} at most, a batch's wait bounded by {@code spec.batchTimeout()}
 *       while a worker is free; no batching when the size is 1), at most {@code spec.workers()}
 *       batches in service at once, in arrival order; each batch's work is {@code work.apply(batch)};
 *       emit one {@link Served} per request when its batch ends (a failed batch's requests carry the
 *       failure, and the stream goes on). Completes when the arrivals have completed and every
 *       request is answered. Arrivals never wait for the service.</li>
 *   <li>{@link #open()} — the blocking edge: a {@link Service} whose {@code submit} feeds the same
 *       pipeline and completes each caller's future; {@code drain()} and {@code close()} as the
 *       contract says.</li>
 * </ul>
 * Nothing on {@code timer}'s threads may park. The reference solution is in {@code src/main/java},
 * one file away — try first.
 *
 * <p><b>Scheduler:</b> TODO(lab16): which threads close the batches and end each batch's work.
 *
 * <p><b>Backpressure:</b> TODO(lab16): where the arrivals wait, and what bounds the batches in service.
 */
public final class ReactorService {

    private final ServiceSpec spec;
    private final Scheduler timer;
    private final LongSupplier clock;
    private final Function<List<Request>, Mono<?>> work;

    /** The core, with each batch's work given. Nothing runs until {@link #serve} is subscribed to or the edge is opened. */
    public ReactorService(ServiceSpec spec, Scheduler timer, LongSupplier clock, Function<List<Request>, Mono<?>> work) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** The core spending the spec's service times on {@code timer}. */
    public ReactorService(ServiceSpec spec, Scheduler timer, LongSupplier clock) {
        this(spec, timer, clock, batch -> Mono.defer(() -> Mono.delay(spec.serviceTime(batch, clock.getAsLong()), timer)));
    }

    /** The blocking edge over the spec's service times, on {@code parallel()} and {@code System.nanoTime()}. */
    public static Running start(ServiceSpec spec) {
        return new ReactorService(spec, Schedulers.parallel(), System::nanoTime).open();
    }

    /** The blocking edge with each batch served by {@code work}. */
    public static Running start(ServiceSpec spec, Service.Work work) {
        Objects.requireNonNull(work, "work");
        return new ReactorService(spec, Schedulers.parallel(), System::nanoTime, batch -> Mono.fromCompletionStage(() -> work.serve(batch))).open();
    }

    /** The reactive core (see the class comment). */
    public Flux<Served> serve(Flux<Request> arrivals) {
        throw new UnsupportedOperationException("TODO(lab16): stamp arrivals, batch them, serve at most `workers` batches at once, answer each request");
    }

    /** Opens the blocking edge. It starts no thread. */
    public Running open() {
        return new Running();
    }

    /** The blocking edge: {@link Service} over the same pipeline as {@link #serve}. */
    public final class Running implements Service {

        private Running() {
            // TODO(lab16): feed a sink of your own into the pipeline and subscribe, answering each caller's future
        }

        @Override
        public String name() {
            return "reactor";
        }

        @Override
        public CompletableFuture<Served> submit(Request request) {
            Service.checkRequest(request);
            throw new UnsupportedOperationException("TODO(lab16): queue the request (never wait for a worker) and return its future");
        }

        /** The graceful close, reactive: stops accepting and completes once every accepted request has been answered. */
        public Mono<Void> drain() {
            return Mono.error(new UnsupportedOperationException("TODO(lab16): stop accepting, complete the sink, wait for every answer"));
        }

        @Override
        public void close() {
            throw new UnsupportedOperationException("TODO(lab16): block (bounded) on drain(); an Error comes out as it is");
        }
    }
}
