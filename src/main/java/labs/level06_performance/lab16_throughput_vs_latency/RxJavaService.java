package labs.level06_performance.lab16_throughput_vs_latency;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.processors.UnicastProcessor;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.subjects.CompletableSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import labs.support.Threads;

/**
 * RxJava 3: arrivals {@code -> buffer(T, unit, timer, B, ArrayList::new, true) -> filter(non-empty)
 * -> onBackpressureBuffer() -> flatMap(serve, false, W)}; each batch waits out its service time
 * with {@code Completable.timer}. RxJava's twin of {@link ReactorService}, meeting the same
 * contract with RxJava's own operators — and they differ:
 * <ul>
 *   <li>RxJava has no {@code bufferTimeout}. Its {@code buffer(time, count)} closes a batch when it
 *       is full or at each tick of a clock of period T started at subscription (restarted when a batch
 *       fills, with {@code restartTimerOnMaxSize}), so a lone request waits up to T, not exactly T.
 *       Each tick emits the open batch even when it is empty: the {@code filter} drops those.</li>
 *   <li>That {@code buffer} ignores downstream demand (it asks its source for everything and emits
 *       on its clock): with every worker busy it would fail with {@code MissingBackpressureException}.
 *       {@code onBackpressureBuffer()} lines the batches up instead — cut by the clock, not held to
 *       grow as Reactor's fair {@code bufferTimeout} holds them (the marble diagrams show both).</li>
 * </ul>
 *
 * <p><b>Scheduler:</b> {@code timer}, given to the constructor: the buffer's clock ticks and each
 * batch's timer ends on it, so answers are emitted on its threads. The blocking edge
 * ({@link #start}) owns a computation scheduler of its own ({@code RxJavaPlugins.createComputationScheduler},
 * one thread per core, named as RxJava's {@code computation()} threads so BlockHound watches them)
 * and ends it, joining its threads, in {@code close()}: a service that owns its timers can prove
 * they are gone. (On the shared {@code computation()}, the timed buffer's clock is ended by disposing
 * its worker, which the leak check cannot see: DESIGN.md.) Nothing of ours parks there. RxJava's timed {@code buffer} takes its own
 * monitor for a moment ({@code synchronized} in {@code BufferExactBoundedSubscriber}) between the
 * source's thread and the clock's: BlockHound cannot see a monitor, so DESIGN.md says so.
 *
 * <p><b>Backpressure:</b> none towards the arrivals, by design (they queue, unbounded, in
 * {@code onBackpressureBuffer}, or in the edge's {@code UnicastProcessor}); {@code flatMap}'s
 * {@code maxConcurrency} W bounds the batches in service; batches closed while every worker is busy
 * wait in the second {@code onBackpressureBuffer}.
 */
public final class RxJavaService {

    private final ServiceSpec spec;
    private final Scheduler timer;
    private final LongSupplier clock;
    private final Function<List<Request>, Completable> work;

    /** The core, with each batch's work given; nothing runs until {@link #serve} is subscribed to or the edge is opened. */
    public RxJavaService(ServiceSpec spec, Scheduler timer, LongSupplier clock, Function<List<Request>, Completable> work) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** The core spending the spec's service times: {@code Completable.timer(spec.serviceTime(batch, now), timer)}. */
    public RxJavaService(ServiceSpec spec, Scheduler timer, LongSupplier clock) {
        this(spec, timer, clock, batch -> Completable.defer(
                () -> Completable.timer(spec.serviceTime(batch, clock.getAsLong()).toNanos(), TimeUnit.NANOSECONDS, timer)));
    }

    /** The blocking edge over the spec's service times, on a computation scheduler of its own and {@code System.nanoTime()}. */
    public static Running start(ServiceSpec spec) {
        OwnedComputation timer = new OwnedComputation();
        return new RxJavaService(spec, timer.scheduler, System::nanoTime).open(timer);
    }

    /** The blocking edge with each batch served by {@code work}. */
    public static Running start(ServiceSpec spec, Service.Work work) {
        Objects.requireNonNull(work, "work");
        OwnedComputation timer = new OwnedComputation();
        return new RxJavaService(spec, timer.scheduler, System::nanoTime,
                batch -> Completable.defer(() -> Completable.fromCompletionStage(work.serve(batch)))).open(timer);
    }

    /** A computation scheduler the edge owns: its threads are made here, and ended and joined by {@link #end}. */
    private static final class OwnedComputation {
        private static final AtomicInteger SERVICES = new AtomicInteger();
        private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
        private final String prefix = "RxComputationThreadPool-lab16-" + SERVICES.incrementAndGet() + "-";
        private final AtomicInteger made = new AtomicInteger();
        private final Scheduler scheduler = RxJavaPlugins.createComputationScheduler(task -> {
            Thread thread = Thread.ofPlatform().name(prefix + made.incrementAndGet()).daemon(true).unstarted(task);
            threads.add(thread);
            return thread;
        });

        void end(Throwable primary) {
            scheduler.shutdown(); // each worker's executor shuts down now: its pending timers are dropped
            Threads.awaitEnd("lab16 'rxjava' service's computation scheduler", threads, primary);
        }
    }

    /** The reactive core, RxJava's twin of {@link ReactorService#serve}. */
    public Flowable<Served> serve(Flowable<Request> arrivals) {
        return served(arrivals.map(request -> new Call(Service.checkRequest(request), clock.getAsLong(), null)).onBackpressureBuffer());
    }

    /** The pipeline both entries share. */
    Flowable<Served> served(Flowable<Call> calls) {
        Flowable<List<Call>> batches = spec.batching()
                ? calls.<List<Call>>buffer(spec.batchTimeout().toNanos(), TimeUnit.NANOSECONDS, timer, spec.batchSize(), ArrayList::new, true)
                        .filter(batch -> !batch.isEmpty()) // a tick with nothing waiting emits an empty batch
                        .onBackpressureBuffer()            // batches cut while every worker is busy wait here
                : calls.map(List::of);
        return batches.flatMap(this::serveBatch, false, spec.workers());
    }

    private Flowable<Served> serveBatch(List<Call> batch) {
        return Flowable.defer(() -> {
            long started = clock.getAsLong();
            List<Request> requests = batch.stream().map(Call::request).toList();
            return Completable.defer(() -> work.apply(requests))
                    .andThen(Single.fromSupplier(clock::getAsLong))
                    .map(ended -> Call.answerAll(batch, started, ended, null))
                    // Any failure of the work answers the batch; an Error is rethrown by the edge's close().
                    .onErrorResumeNext(failure -> Single.fromSupplier(() -> Call.answerAll(batch, started, clock.getAsLong(), failure)))
                    // Not flattenAsFlowable: inside flatMap(…, W) its fused end can be lost when it races
                    // another batch's hand-over, and flatMap then waits for a batch that is over (a worker
                    // lost for good; close() never completes). JMH found it, jcstress proves it:
                    // FAILURE.md row 11, Answers_01_FlattenAsFlowable against Answers_02_FlatMapPublisher.
                    .flatMapPublisher(Flowable::fromIterable);
        });
    }

    /** Opens the blocking edge on the scheduler the core was given (a test's): a processor subscribed to the pipeline. It starts no thread. */
    public Running open() {
        return new Running(null);
    }

    private Running open(OwnedComputation owned) {
        return new Running(owned);
    }

    /** The blocking edge: {@link Service} over a {@code UnicastProcessor} feeding {@link #served}. */
    public final class Running implements Service {

        /** Unbounded: the service's waiting line (clause 1). */
        private final UnicastProcessor<Call> calls = UnicastProcessor.create();
        private final CompletableSubject ended = CompletableSubject.create();
        private final AtomicReference<Error> firstError = new AtomicReference<>();
        private boolean open = true; // guarded by this
        /** The scheduler this edge owns and ends in {@code close()}, or {@code null}. */
        private final OwnedComputation owned;

        private Running(OwnedComputation owned) {
            this.owned = owned;
            served(calls).subscribe(
                    served -> {
                        if (served.failure() instanceof Error error) {
                            firstError.compareAndSet(null, error);
                        }
                    },
                    ended::onError,
                    ended::onComplete);
        }

        @Override
        public String name() {
            return "rxjava";
        }

        /** {@code synchronized}: a processor's {@code onNext} calls must not overlap (Reactive Streams §1.3). */
        @Override
        public synchronized CompletableFuture<Served> submit(Request request) {
            Service.checkRequest(request);
            if (!open) {
                throw Service.closed(name(), request);
            }
            Call call = new Call(request, clock.getAsLong(), new CompletableFuture<>());
            calls.onNext(call);
            return call.reply();
        }

        /** The graceful close, reactive: stops accepting, completes the processor, completes once everything accepted is answered. */
        public Completable drain() {
            return Completable.defer(() -> {
                synchronized (this) {
                    if (!open) {
                        return Completable.error(Service.alreadyClosed(name()));
                    }
                    open = false;
                    calls.onComplete();
                }
                return ended.andThen(Completable.defer(() -> firstError.get() == null ? Completable.complete() : Completable.error(firstError.get())));
            });
        }

        /**
         * Blocks the caller on {@link #drain()} (bounded), then ends the scheduler this edge owns
         * (if any); an Error comes out as it is, after the threads have ended.
         */
        @Override
        public void close() {
            synchronized (this) {
                if (!open) {
                    throw Service.alreadyClosed(name());
                }
            }
            Throwable failure = null;
            try {
                if (!drain().blockingAwait(Threads.END_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    failure = new IllegalStateException("service 'rxjava' did not answer every accepted request within "
                            + Threads.END_WITHIN.toSeconds() + " s of close");
                }
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (owned != null) {
                owned.end(failure);
            }
            switch (failure) {
                case null -> {
                }
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure);
            }
        }
    }
}
