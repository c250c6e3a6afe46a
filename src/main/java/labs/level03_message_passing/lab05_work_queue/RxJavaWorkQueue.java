package labs.level03_message_passing.lab05_work_queue;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.processors.FlowableProcessor;
import io.reactivex.rxjava3.processors.UnicastProcessor;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RxJava 3: a {@link UnicastProcessor} drained by
 * {@code flatMapMaybe(job -> run(job).subscribeOn(scheduler), false, workers)}.
 *
 * <p><b>Scheduler:</b> by default the queue owns a fixed pool of {@code workers} platform threads
 * ({@code lab05-rxjava-…}) wrapped by {@link Schedulers#from}; jobs may block there. It is shut
 * down when the queue is, so a queue never shut down is a visible thread leak. A caller-supplied
 * scheduler (say {@code computation()}, for the BlockHound test) is used as is and not shut down.
 *
 * <p><b>Backpressure:</b> {@code flatMapMaybe}'s {@code maxConcurrency} requests {@code workers}
 * jobs and one more per finished job. RxJava has no processor with a bounded, refusing buffer
 * ({@code MulticastProcessor.offer} rounds its buffer up to a power of two), so the bound is an
 * admission count: {@code queued} counts accepted jobs no worker has started; {@link #submit}
 * refuses when it reaches {@code capacity}. Same bound as the other implementations, same signal.
 *
 * <p>{@code submit} is {@code synchronized}: {@code onNext} must not be called concurrently
 * (the Reactive Streams rule §1.3), and the lock orders "accepted" before "shut down".
 */
public final class RxJavaWorkQueue implements WorkQueue {

    private static final AtomicInteger QUEUES = new AtomicInteger();

    private final int workers;
    private final int capacity;
    private final FlowableProcessor<Job> jobs = UnicastProcessor.create();
    private final AtomicInteger queued = new AtomicInteger();
    private final ConcurrentLinkedQueue<JobResult> finished = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Job> notRun = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final ExecutorService owned;
    @SuppressWarnings("unused") // held so the subscription's lifetime is visible in a debugger
    private final Disposable subscription;
    private volatile boolean stopNow;
    private boolean accepting = true; // guarded by this
    private final AtomicInteger accepted = new AtomicInteger();

    public RxJavaWorkQueue(int workers, int capacity) {
        this(workers, capacity, null);
    }

    /** With {@code scheduler == null} the queue creates (and later shuts down) its own threads. */
    public RxJavaWorkQueue(int workers, int capacity, Scheduler scheduler) {
        this.workers = WorkQueue.checkWorkers(workers);
        this.capacity = WorkQueue.checkCapacity(capacity);
        this.owned = scheduler == null
                ? Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("lab05-rxjava-" + QUEUES.incrementAndGet() + "-", 1).factory())
                : null;
        Scheduler on = scheduler == null ? Schedulers.from(owned) : scheduler;
        // filter → Maybe: a job handed back by shutdownNow ends empty, it is not a result.
        this.subscription = workOff(jobs, job -> settle(job).subscribeOn(on).filter(result -> result != SKIPPED), workers)
                .subscribe(finished::add, terminated::completeExceptionally, () -> terminated.complete(null));
    }

    /** Stands for "handed back, not run": {@code Single.fromCallable} cannot be empty, so a marker is filtered out. */
    private static final JobResult SKIPPED = new JobResult(Integer.MIN_VALUE, false, null, null, "");

    /** RxJava's twin of {@link ReactorWorkQueue#workOff}: completes only when the source does. */
    public static <T, R> Flowable<R> workOff(Flowable<T> jobs, Function<T, io.reactivex.rxjava3.core.Maybe<R>> worker, int workers) {
        return jobs.flatMapMaybe(worker, false, WorkQueue.checkWorkers(workers));
    }

    /** A failing job becomes a failed result, so one bad job never tears down the stream. */
    static Single<JobResult> settle(int jobId, Single<Long> work) {
        return work.map(value -> JobResult.succeeded(jobId, value))
                .onErrorReturn(e -> JobResult.failed(jobId, e));
    }

    private Single<JobResult> settle(Job job) {
        return Single.fromCallable(() -> {
            queued.decrementAndGet(); // a worker has it now: room for one more in the queue
            if (stopNow) {
                notRun.add(job);
                return SKIPPED;
            }
            return JobResult.run(job);
        });
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
        // Jobs a worker has been handed but not yet started still count as queued, as in a BlockingQueue.
        if (queued.get() >= capacity) {
            return false;
        }
        queued.incrementAndGet();
        accepted.incrementAndGet();
        jobs.onNext(job);
        return true;
    }

    @Override
    public Report shutdownGracefully() {
        complete(false);
        return awaitReport();
    }

    @Override
    public Report shutdownNow() {
        complete(true);
        return awaitReport();
    }

    private synchronized void complete(boolean now) {
        if (!accepting) {
            throw WorkQueue.alreadyShutDown(name());
        }
        accepting = false;
        stopNow = now;
        jobs.onComplete(); // the reactive poison pill: what is queued is still delivered, then onComplete
    }

    private Report awaitReport() {
        try {
            terminated.join();
        } catch (CompletionException e) {
            // The stream itself failed (a job cannot: settle turns failures into results). The pool
            // is still shut down below; the caller gets what was settled and how many jobs were lost.
            throw WorkQueueFailedException.of(name(), e.getCause(), partialReport(), accepted.get());
        } finally {
            if (owned != null) {
                // close() = shutdown + await termination: "shut down" means the threads have ended,
                // not that they were asked to — and it happens whether the stream completed or failed.
                owned.close();
            }
        }
        return partialReport();
    }

    private Report partialReport() {
        return new Report(new ArrayList<>(finished), new ArrayList<>(notRun));
    }
}
