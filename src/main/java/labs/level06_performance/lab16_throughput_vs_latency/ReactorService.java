package labs.level06_performance.lab16_throughput_vs_latency;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import labs.support.Threads;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: arrivals {@code -> bufferTimeout(B, T, timer, true) -> flatMap(serve, W)}; each batch
 * waits out its service time with {@code Mono.delay} — a non-blocking downstream call: a worker is
 * one of {@code flatMap}'s W slots, not a thread.
 *
 * <p>The reactive core is {@link #serve(Flux)}: requests in, each answer out as its batch ends. The
 * blocking {@link Service} is a thin edge over the same pipeline ({@link #open()}): a unicast sink
 * fed by {@code submit}, whose answers go to each caller's future. The virtual-time tests, the
 * load tests in virtual time and the marble diagrams drive this very class, given a virtual-time
 * scheduler and its clock.
 *
 * <p><b>Scheduler:</b> {@code timer}, given to the constructor ({@link Schedulers#parallel()} for
 * {@link #start}): {@code bufferTimeout} closes batches on it and {@code Mono.delay} ends each
 * batch's work on it, so answers are emitted on its threads. Nothing on them parks: the sink and
 * the operators are lock-free, and completing a caller's future only hands its answer over.
 *
 * <p><b>Backpressure:</b> none towards the arrivals, by design — an open system's requests do not
 * wait for the service: they queue, unbounded, in {@code onBackpressureBuffer} (in the edge: in the
 * unicast sink). From there {@code flatMap}'s concurrency W bounds the batches in service, asking
 * for the next only when one ends. {@code bufferTimeout} is the <em>fair</em> variant: while every
 * worker is busy it holds the batch and lets it grow, and hands it over the moment a worker asks —
 * the default variant would fail with "Could not emit buffer due to lack of requests"
 * ({@link BufferTimeoutWithoutFairBackpressure}). Downstream, answers are emitted as batches end, as
 * fast as the subscriber asks.
 */
public final class ReactorService {

    private final ServiceSpec spec;
    private final Scheduler timer;
    private final LongSupplier clock;
    private final Function<List<Request>, Mono<?>> work;

    /**
     * The core, with each batch's work given ({@code work.apply(batch)} completes when the batch has
     * been served). Nothing runs until {@link #serve} is subscribed to or the edge is opened.
     *
     * @param timer where batches close and (with the spec's own work) service times end
     * @param clock the run's clock in nanoseconds: {@code System::nanoTime} live, the virtual clock in tests
     */
    public ReactorService(ServiceSpec spec, Scheduler timer, LongSupplier clock, Function<List<Request>, Mono<?>> work) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** The core spending the spec's service times: {@code Mono.delay(spec.serviceTime(batch, now), timer)}. */
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

    /**
     * The reactive core: each request's arrival stamped as it comes, at most {@code workers}
     * batches in service at once, in arrival order; emits each request's {@link Served} as its batch
     * ends (a failed batch's requests carry the failure; the stream goes on). Completes once the
     * arrivals have completed and every request has been answered.
     */
    public Flux<Served> serve(Flux<Request> arrivals) {
        return served(arrivals.map(request -> new Call(Service.checkRequest(request), clock.getAsLong(), null)).onBackpressureBuffer());
    }

    /** The pipeline both entries share. */
    Flux<Served> served(Flux<Call> calls) {
        Flux<List<Call>> batches = spec.batching()
                ? calls.bufferTimeout(spec.batchSize(), spec.batchTimeout(), timer, true)
                : calls.map(List::of);
        return batches.flatMap(this::serveBatch, spec.workers());
    }

    /** One batch on one worker: its work, then every request answered with the same times, or with the work's failure. */
    private Flux<Served> serveBatch(List<Call> batch) {
        return Flux.defer(() -> {
            long started = clock.getAsLong();
            List<Request> requests = batch.stream().map(Call::request).toList();
            return Mono.defer(() -> work.apply(requests))
                    .then(Mono.fromSupplier(clock::getAsLong))
                    .map(ended -> Call.answerAll(batch, started, ended, null))
                    // Any failure of the work answers the batch; the stream (the other workers) goes on.
                    // An Error too: the edge rethrows it from close(), as it is.
                    .onErrorResume(failure -> Mono.fromSupplier(() -> Call.answerAll(batch, started, clock.getAsLong(), failure)))
                    .flatMapIterable(answers -> answers);
        });
    }

    /** Opens the blocking edge: a sink subscribed to the pipeline. It starts no thread. */
    public Running open() {
        return new Running();
    }

    /** The blocking edge: {@link Service} over a unicast sink feeding {@link #served}. */
    public final class Running implements Service {

        /** Lock-free and unbounded: the service's waiting line (clause 1). */
        private final Sinks.Many<Call> calls = Sinks.many().unicast().onBackpressureBuffer();
        /** Ends with the pipeline: empty once every accepted request has been answered. */
        private final Sinks.Empty<Void> ended = Sinks.empty();
        private final AtomicReference<Error> firstError = new AtomicReference<>();
        private boolean open = true; // guarded by this

        private Running() {
            served(calls.asFlux()).subscribe(
                    served -> {
                        if (served.failure() instanceof Error error) {
                            firstError.compareAndSet(null, error);
                        }
                    },
                    ended::tryEmitError,
                    ended::tryEmitEmpty);
        }

        @Override
        public String name() {
            return "reactor";
        }

        /**
         * Why {@code synchronized}: a unicast sink takes one emission at a time (a second thread
         * emitting at once gets {@code FAIL_NON_SERIALIZED}), and the same lock makes "accepted" and
         * "closed" exclusive. Only callers and load generators take it; no scheduler thread does.
         */
        @Override
        public synchronized CompletableFuture<Served> submit(Request request) {
            Service.checkRequest(request);
            if (!open) {
                throw Service.closed(name(), request);
            }
            Call call = new Call(request, clock.getAsLong(), new CompletableFuture<>());
            calls.tryEmitNext(call).orThrow(); // only a broken pipeline refuses: then the caller must know
            return call.reply();
        }

        /**
         * The graceful close, reactive: stops accepting, completes the sink (an open batch closes at
         * once), and completes once every accepted request has been answered — with the first
         * {@link Error} a batch's work threw, if any.
         */
        public Mono<Void> drain() {
            return Mono.defer(() -> {
                synchronized (this) {
                    if (!open) {
                        return Mono.error(Service.alreadyClosed(name()));
                    }
                    open = false;
                    calls.tryEmitComplete();
                }
                return ended.asMono().then(Mono.defer(() -> firstError.get() == null ? Mono.<Void>empty() : Mono.error(firstError.get())));
            });
        }

        /** Blocks the caller on {@link #drain()} (bounded); an Error comes out as it is. Nothing to end: no thread is ours. */
        @Override
        public void close() {
            Signal<Void> outcome;
            try {
                outcome = drain().materialize().block(Threads.END_WITHIN);
            } catch (IllegalStateException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("Timeout")) {
                    throw new IllegalStateException("service 'reactor' did not answer every accepted request within "
                            + Threads.END_WITHIN.toSeconds() + " s of close", e);
                }
                throw e; // block() refused: called from a non-blocking thread
            }
            switch (outcome.getThrowable()) {
                case null -> {
                }
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(outcome.getThrowable());
            }
        }
    }
}
