package labs.level03_message_passing.lab05_work_queue;

import labs.support.OwnedPool;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import labs.support.Result;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: a unicast sink of jobs, drained by {@code flatMap(job -> run(job).subscribeOn(scheduler), workers)}.
 *
 * <p>The reactive core is a queue made by {@link #create(int, int, Scheduler, Function)} from its
 * worker scheduler and from how a job becomes a {@code Mono} (by default its callable,
 * {@code Mono.fromCallable(job.body())}; the virtual-time tests and the marble diagrams give jobs
 * a duration with {@code Mono.delay} instead):
 * <ul>
 *   <li>{@link #submit} never waits: the job is accepted, or refused while {@code capacity}
 *       accepted jobs wait for a worker;</li>
 *   <li>{@link #results()} is the work itself: subscribing to it puts the workers to work (nothing
 *       runs before); it emits each job's result as the job settles, and completes once a shutdown
 *       was asked for and every accepted job has settled;</li>
 *   <li>{@link #drain()} and {@link #stop()} are the graceful and the immediate shutdown: a
 *       {@code Mono<Report>} that emits once {@code results()} has ended.</li>
 * </ul>
 * The blocking {@link WorkQueue} is a thin edge over that core: {@link #start(int, int)} makes the
 * queue on a pool of its own and subscribes to {@code results()}; {@link #shutdownGracefully()}
 * blocks on {@code drain()} and then ends the pool.
 *
 * <p><b>Scheduler:</b> each job is subscribed on the scheduler given to {@code create}
 * ({@code subscribeOn}), which the queue never disposes. {@code start} gives it a {@link OwnedPool}
 * of {@code workers} platform threads ({@code lab05-reactor-N-…}) wrapped by
 * {@link Schedulers#fromExecutorService}: jobs may block (it is a general work queue), and the pool
 * has ONE shared task queue, so the next job goes to the first free worker — not
 * {@code newBoundedElastic(W, …)}, whose per-thread task queues can park a job behind a slow one
 * while another worker idles. The blocking shutdowns end that pool and join its threads (bounded)
 * once the stream has ended. Results and reports are emitted on the thread that settled the job.
 *
 * <p><b>Backpressure:</b> {@code flatMap}'s concurrency is the worker count: it requests
 * {@code workers} jobs from the sink and one more each time a result is taken downstream (so a
 * {@code results()} subscriber that asks for nothing stalls the workers after {@code workers}
 * jobs). What the producer sees is an admission count: {@code queued} counts accepted jobs no worker
 * has started (in the sink's buffer, or handed to {@code flatMap} and waiting for the scheduler), and
 * {@link #submit} refuses at {@code capacity} — backpressure as a refusal, never an unbounded buffer.
 *
 * <p>Why {@code submit} is {@code synchronized}: the unicast sink must be fed by one thread at a
 * time (several producers at once get {@code FAIL_NON_SERIALIZED}), and the same lock makes
 * "accepted" and "shut down" mutually exclusive. Only producers and shutdown callers take it; no
 * scheduler thread does.
 */
public final class ReactorWorkQueue implements WorkQueue {

    private static final AtomicInteger QUEUES = new AtomicInteger();

    private final int workers;
    private final int capacity;
    private final Scheduler scheduler;
    private final Function<Job, Mono<Long>> work;
    /** The pool {@link #start} made for this queue, or null: the blocking edge ends it after the stream. */
    private final OwnedPool pool;
    /** Lock-free and unbounded: the bound is {@code queued} (an ArrayBlockingQueue's lock would park the worker that polls it). */
    private final Sinks.Many<Job> jobs = Sinks.many().unicast().onBackpressureBuffer();
    /** Ends with the job stream: empty when it completed, the failure when it failed or was abandoned. */
    private final Sinks.Empty<Void> ended = Sinks.empty();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ConcurrentLinkedQueue<JobResult> finished = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Job> notRun = new ConcurrentLinkedQueue<>();
    private volatile boolean stopNow;
    private boolean accepting = true; // guarded by this

    private ReactorWorkQueue(int workers, int capacity, Scheduler scheduler, Function<Job, Mono<Long>> work, OwnedPool pool) {
        this.workers = WorkQueue.checkWorkers(workers);
        this.capacity = WorkQueue.checkCapacity(capacity);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        this.work = Objects.requireNonNull(work, "work must not be null");
        this.pool = pool;
    }

    /**
     * The core: a queue whose jobs are subscribed on {@code scheduler}, each job's work being
     * {@code work.apply(job)}. A value is a succeeded result; an exception (or no value) a failed
     * one; an {@link Error} ends the stream. If {@code work} itself throws, the queue is broken, not
     * the job: the stream fails, and the shutdown says so. Nothing runs until {@link #results()} is
     * subscribed to.
     */
    public static ReactorWorkQueue create(int workers, int capacity, Scheduler scheduler, Function<Job, Mono<Long>> work) {
        return new ReactorWorkQueue(workers, capacity, scheduler, work, null);
    }

    /** The core with each job's work being its callable, run on the worker. */
    public static ReactorWorkQueue create(int workers, int capacity, Scheduler scheduler) {
        return create(workers, capacity, scheduler, ReactorWorkQueue::call);
    }

    /**
     * The blocking edge: starts a queue on a pool of {@code workers} threads of its own and puts
     * them to work; its shutdowns end that pool.
     */
    public static ReactorWorkQueue start(int workers, int capacity) {
        WorkQueue.checkWorkers(workers);
        WorkQueue.checkCapacity(capacity); // before the pool exists: bad input starts nothing
        String name = "lab05-reactor-" + QUEUES.incrementAndGet();
        OwnedPool pool = OwnedPool.platform("lab05 'reactor' work queue", name + "-", workers);
        ReactorWorkQueue queue = new ReactorWorkQueue(workers, capacity, Schedulers.fromExecutorService(pool.executor(), name), ReactorWorkQueue::call, pool);
        queue.results().subscribe(result -> { }, failure -> { }); // the report keeps the results; a failure is the shutdown's to report
        return queue;
    }

    private static Mono<Long> call(Job job) {
        return Mono.fromCallable(job.body());
    }

    @Override
    public String name() {
        return "reactor";
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized boolean submit(Job job) {
        WorkQueue.checkJob(job);
        if (!accepting) {
            throw WorkQueue.rejected(name(), job);
        }
        if (queued.get() >= capacity) {
            return false; // workers only ever lower it meanwhile
        }
        queued.incrementAndGet();
        Sinks.EmitResult emitted = jobs.tryEmitNext(job);
        if (emitted.isFailure()) {
            queued.decrementAndGet();
            if (emitted == Sinks.EmitResult.FAIL_CANCELLED) {
                throw WorkQueue.failed(name(), job); // the stream failed, or results() was cancelled
            }
            emitted.orThrow(); // anything else (terminated, non-serialized, overflow) would be a bug here
        }
        accepted.incrementAndGet();
        return true;
    }

    /**
     * The job stream: subscribing puts the workers to work. One subscriber only (it IS the
     * workers); cancelling it abandons the queue — running jobs are cancelled, queued ones dropped,
     * and the shutdown fails with the count of jobs lost.
     */
    public Flux<JobResult> results() {
        return Flux.defer(() -> subscribed.compareAndSet(false, true)
                ? jobs.asFlux()
                        .flatMap(job -> Mono.defer(() -> begin(job)).subscribeOn(scheduler), workers)
                        .doOnNext(finished::add)
                        .doOnComplete(ended::tryEmitEmpty)
                        .doOnError(ended::tryEmitError)
                        .doOnCancel(() -> ended.tryEmitError(new CancellationException("results() was cancelled: the queue was abandoned")))
                : Flux.error(new IllegalStateException("work queue '" + name() + "' already has its results() subscriber: it runs the workers")));
    }

    /** On the worker, right before the job would start: after {@link #stop()} it is handed back instead. */
    private Mono<JobResult> begin(Job job) {
        queued.decrementAndGet(); // a worker has it now: room for one more
        if (stopNow) {
            notRun.add(job);
            return Mono.empty(); // not a result: handed back in the report
        }
        return settle(job, work.apply(job));
    }

    /** A failing job becomes a failed result, so one bad job never cancels the stream (and the other jobs). */
    private static Mono<JobResult> settle(Job job, Mono<Long> work) {
        return work.map(Result::<Long>success)
                .switchIfEmpty(Mono.fromSupplier(() -> Result.<Long>failure(new NullPointerException("the work returned null"))))
                .onErrorResume(Exception.class, e -> Mono.just(Result.failure(e))) // an Error is not the job's failure: it ends the stream
                .map(result -> new JobResult(job.id(), result, Thread.currentThread().getName()));
    }

    /** Graceful: stops accepting; every queued job still runs; the report comes after the last one. */
    public Mono<Report> drain() {
        return Mono.defer(() -> {
            close(false);
            return report();
        });
    }

    /** Immediate: stops accepting; no queued job starts (each is handed back); the report comes after the running ones. */
    public Mono<Report> stop() {
        return Mono.defer(() -> {
            close(true);
            return report();
        });
    }

    /** Completing the sink is the reactive poison pill: what is queued is still delivered, then flatMap completes. */
    private synchronized void close(boolean now) {
        if (!accepting) {
            throw WorkQueue.alreadyShutDown(name());
        }
        accepting = false;
        stopNow = now;
        jobs.tryEmitComplete(); // not orThrow: if the stream already failed, the report says why
    }

    /** Once the stream has ended: what ran and what was handed back. A failed stream fails it — an Error as it is. */
    private Mono<Report> report() {
        return ended.asMono()
                .then(Mono.fromSupplier(this::reportSoFar))
                .onErrorMap(e -> !(e instanceof Error), e -> WorkQueueFailedException.of(name(), e, reportSoFar(), accepted.get()));
    }

    private Report reportSoFar() {
        return new Report(new ArrayList<>(finished), new ArrayList<>(notRun));
    }

    @Override
    public Report shutdownGracefully() {
        return await(drain());
    }

    @Override
    public Report shutdownNow() {
        return await(stop());
    }

    /** The blocking edge: waits on the caller's thread, then ends the pool {@link #start} made — bounded, and never instead of the failure. */
    private Report await(Mono<Report> shutdown) {
        Throwable failure = null;
        try {
            Signal<Report> outcome = shutdown.materialize().block();
            failure = outcome.getThrowable();
            return switch (failure) {
                case null -> outcome.get();
                case RuntimeException e -> throw e;
                case Error e -> throw e; // as it is: a bare block() would have wrapped it
                default -> throw new IllegalStateException(failure);
            };
        } finally {
            if (pool != null) {
                pool.end(false, failure);
            }
        }
    }
}
