package labs.level03_message_passing.lab05_work_queue;

import labs.support.OwnedPool;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Notification;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.processors.UnicastProcessor;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subjects.CompletableSubject;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Result;

/**
 * RxJava 3: a {@link UnicastProcessor} of jobs, drained by
 * {@code flatMapMaybe(job -> run(job).subscribeOn(scheduler), false, workers)}.
 *
 * <p>The reactive core, {@link ReactorWorkQueue}'s twin: {@link #create(int, int, Scheduler, Function)}
 * takes the worker scheduler and how a job becomes a {@code Single} (by default its callable; the
 * virtual-time tests give jobs a duration with {@code Single.timer} on a {@code TestScheduler});
 * {@link #submit} never waits; {@link #results()} is the work itself (subscribing to it starts the
 * workers); {@link #drain()} and {@link #stop()} are the shutdowns, a {@code Single<Report>} that
 * emits once {@code results()} has ended. {@link #start(int, int)} and the blocking shutdowns are
 * the thin {@link WorkQueue} edge: a pool of its own, then {@code blockingGet()}.
 *
 * <p><b>Scheduler:</b> each job is subscribed on the scheduler given to {@code create}, which the
 * queue never shuts down. {@code start} gives it a {@link OwnedPool} of {@code workers} platform
 * threads ({@code lab05-rxjava-N-…}) wrapped by {@link Schedulers#from}; jobs may block there. The
 * blocking shutdowns end that pool and join its threads (bounded) once the stream has ended.
 *
 * <p><b>Backpressure:</b> {@code flatMapMaybe}'s {@code maxConcurrency} requests {@code workers}
 * jobs and one more per result taken downstream. RxJava has no processor with a bounded, refusing
 * buffer ({@code MulticastProcessor.offer} rounds its buffer up to a power of two), so the bound is
 * an admission count: {@code queued} counts accepted jobs no worker has started; {@link #submit}
 * refuses when it reaches {@code capacity}. Same bound as the other implementations, same signal.
 *
 * <p>{@code submit} is {@code synchronized}: {@code onNext} must not be called concurrently
 * (the Reactive Streams rule §1.3), and the lock orders "accepted" before "shut down". Only
 * producers and shutdown callers take it; no scheduler thread does.
 */
public final class RxJavaWorkQueue implements WorkQueue {

    private static final AtomicInteger QUEUES = new AtomicInteger();

    private final int workers;
    private final int capacity;
    private final Scheduler scheduler;
    private final Function<Job, Single<Long>> work;
    /** The pool {@link #start} made for this queue, or null: the blocking edge ends it after the stream. */
    private final OwnedPool pool;
    private final UnicastProcessor<Job> jobs = UnicastProcessor.create();
    /** Ends with the job stream: completes when it completed, fails when it failed or was abandoned. */
    private final CompletableSubject ended = CompletableSubject.create();
    private final AtomicBoolean endedOnce = new AtomicBoolean();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ConcurrentLinkedQueue<JobResult> finished = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Job> notRun = new ConcurrentLinkedQueue<>();
    private volatile boolean stopNow;
    private boolean accepting = true; // guarded by this

    private RxJavaWorkQueue(int workers, int capacity, Scheduler scheduler, Function<Job, Single<Long>> work, OwnedPool pool) {
        this.workers = WorkQueue.checkWorkers(workers);
        this.capacity = WorkQueue.checkCapacity(capacity);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        this.work = Objects.requireNonNull(work, "work must not be null");
        this.pool = pool;
    }

    /**
     * The core: jobs subscribed on {@code scheduler}, each job's work being {@code work.apply(job)}.
     * A value is a succeeded result, an exception a failed one, an {@link Error} ends the stream; if
     * {@code work} itself throws, the stream fails (the queue is broken, not the job). Nothing runs
     * until {@link #results()} is subscribed to.
     */
    public static RxJavaWorkQueue create(int workers, int capacity, Scheduler scheduler, Function<Job, Single<Long>> work) {
        return new RxJavaWorkQueue(workers, capacity, scheduler, work, null);
    }

    /** The core with each job's work being its callable, run on the worker. */
    public static RxJavaWorkQueue create(int workers, int capacity, Scheduler scheduler) {
        return create(workers, capacity, scheduler, RxJavaWorkQueue::call);
    }

    /** The blocking edge: starts a queue on a pool of {@code workers} threads of its own; its shutdowns end that pool. */
    public static RxJavaWorkQueue start(int workers, int capacity) {
        WorkQueue.checkWorkers(workers);
        WorkQueue.checkCapacity(capacity); // before the pool exists: bad input starts nothing
        OwnedPool pool = OwnedPool.platform("lab05 'rxjava' work queue", "lab05-rxjava-" + QUEUES.incrementAndGet() + "-", workers);
        RxJavaWorkQueue queue = new RxJavaWorkQueue(workers, capacity, Schedulers.from(pool.executor()), RxJavaWorkQueue::call, pool);
        queue.results().subscribe(result -> { }, failure -> { }); // the report keeps the results; a failure is the shutdown's to report
        return queue;
    }

    private static Single<Long> call(Job job) {
        return Single.fromCallable(job.body());
    }

    @Override
    public String name() {
        return "rxjava";
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
        if (ended.hasThrowable()) {
            throw WorkQueue.failed(name(), job); // a cancelled UnicastProcessor would drop the job without a word
        }
        if (queued.get() >= capacity) {
            return false; // workers only ever lower it meanwhile
        }
        queued.incrementAndGet();
        accepted.incrementAndGet();
        jobs.onNext(job);
        return true;
    }

    /** The job stream, {@link ReactorWorkQueue#results()}'s twin: one subscriber, which runs the workers. */
    public Flowable<JobResult> results() {
        return Flowable.defer(() -> subscribed.compareAndSet(false, true)
                ? jobs.flatMapMaybe(job -> Maybe.defer(() -> begin(job)).subscribeOn(scheduler), false, workers)
                        .doOnNext(finished::add)
                        .doOnComplete(() -> end(null))
                        .doOnError(this::end)
                        .doOnCancel(() -> end(new CancellationException("results() was cancelled: the queue was abandoned")))
                : Flowable.error(new IllegalStateException("work queue '" + name() + "' already has its results() subscriber: it runs the workers")));
    }

    /** CompletableSubject sends a second terminal signal to RxJavaPlugins.onError: end it once. */
    private void end(Throwable failure) {
        if (endedOnce.compareAndSet(false, true)) {
            if (failure == null) {
                ended.onComplete();
            } else {
                ended.onError(failure);
            }
        }
    }

    /** On the worker, right before the job would start: after {@link #stop()} it is handed back instead. */
    private Maybe<JobResult> begin(Job job) throws Throwable {
        queued.decrementAndGet(); // a worker has it now: room for one more
        if (stopNow) {
            notRun.add(job);
            return Maybe.empty(); // not a result: handed back in the report
        }
        return settle(job, work.apply(job)).toMaybe();
    }

    /** A failing job becomes a failed result, so one bad job never tears down the stream. */
    private static Single<JobResult> settle(Job job, Single<Long> work) {
        return work.map(Result::<Long>success)
                .onErrorResumeNext(e -> e instanceof Exception ? Single.just(Result.failure(e)) : Single.error(e)) // an Error ends the stream
                .map(result -> new JobResult(job.id(), result, Thread.currentThread().getName()));
    }

    /** Graceful: stops accepting; every queued job still runs; the report comes after the last one. */
    public Single<Report> drain() {
        return Single.defer(() -> {
            close(false);
            return report();
        });
    }

    /** Immediate: stops accepting; no queued job starts (each is handed back); the report comes after the running ones. */
    public Single<Report> stop() {
        return Single.defer(() -> {
            close(true);
            return report();
        });
    }

    /** The reactive poison pill: what is queued is still delivered, then flatMapMaybe completes. */
    private synchronized void close(boolean now) {
        if (!accepting) {
            throw WorkQueue.alreadyShutDown(name());
        }
        accepting = false;
        stopNow = now;
        jobs.onComplete();
    }

    /** Once the stream has ended: what ran and what was handed back. A failed stream fails it — an Error as it is. */
    private Single<Report> report() {
        return ended.andThen(Single.fromSupplier(this::reportSoFar))
                .onErrorResumeNext(e -> Single.error(e instanceof Error ? e : WorkQueueFailedException.of(name(), e, reportSoFar(), accepted.get())));
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
    private Report await(Single<Report> shutdown) {
        Throwable failure = null;
        try {
            Notification<Report> outcome = shutdown.materialize().blockingGet();
            failure = outcome.getError();
            return switch (failure) {
                case null -> outcome.getValue();
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure);
            };
        } finally {
            if (pool != null) {
                pool.end(false, failure);
            }
        }
    }
}
