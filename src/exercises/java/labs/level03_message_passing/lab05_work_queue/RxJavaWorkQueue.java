package labs.level03_message_passing.lab05_work_queue;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Function;

/**
 * YOUR RxJava 3 work queue — lab05's starting point, the twin of {@code ReactorWorkQueue}. Replace
 * every {@code TODO(lab05)}; the contract test for {@code rxjava}, the RxJava virtual-time and
 * stream-failure tests, the BlockHound test and the diagrams then check your code.
 *
 * <ul>
 *   <li>{@link #create(int, int, Scheduler, Function)} — the core: jobs run on {@code scheduler}
 *       (a {@code TestScheduler} in the tests), each job's work being {@code work.apply(job)}.
 *       Nothing runs until {@link #results()} is subscribed to.</li>
 *   <li>{@link #submit} — never waits: {@code true}, or {@code false} while {@code capacity}
 *       accepted jobs wait for a worker (a job counts until a worker starts it). RxJava has no
 *       processor with an exact, refusing buffer: count them yourself. {@code onNext} must never be
 *       called by two threads at once (Reactive Streams §1.3).</li>
 *   <li>{@link #results()} — the workers: at most {@code workers} jobs at once, each job's
 *       {@link JobResult} as it settles (an exception is a failed result; an {@link Error} ends the
 *       stream), complete once a shutdown was asked for and every accepted job has settled.</li>
 *   <li>{@link #drain()} / {@link #stop()} — the shutdowns as a {@code Single<Report>}; after
 *       {@code stop()} no queued job starts (each is handed back in {@code notRun}). A failed
 *       stream fails it with {@link WorkQueueFailedException}; an Error, as it is.</li>
 *   <li>{@link #start(int, int)} and the blocking shutdowns — the {@link WorkQueue} edge: a pool of
 *       its own, {@code blockingGet()} on the caller's thread, the pool ended and joined.</li>
 * </ul>
 * Nothing that runs on a worker may park (no locks there: BlockHound watches the non-blocking
 * schedulers). The reference solution is in {@code src/main/java}, one file away — try first.
 *
 * <p><b>Scheduler:</b> TODO(lab05): which threads run the jobs, and which emit the results and
 * the report.
 *
 * <p><b>Backpressure:</b> TODO(lab05): what bounds the jobs in flight, and what the producer sees
 * when the queue is full.
 */
public final class RxJavaWorkQueue implements WorkQueue {

    private final int workers;
    private final int capacity;
    private final Scheduler scheduler;
    private final Function<Job, Single<Long>> work;

    private RxJavaWorkQueue(int workers, int capacity, Scheduler scheduler, Function<Job, Single<Long>> work) {
        this.workers = WorkQueue.checkWorkers(workers);
        this.capacity = WorkQueue.checkCapacity(capacity);
        this.scheduler = scheduler;
        this.work = work;
    }

    /** The core: nothing runs until {@link #results()} is subscribed to. */
    public static RxJavaWorkQueue create(int workers, int capacity, Scheduler scheduler, Function<Job, Single<Long>> work) {
        return new RxJavaWorkQueue(workers, capacity, scheduler, work);
    }

    /** The core with each job's work being its callable, run on the worker. */
    public static RxJavaWorkQueue create(int workers, int capacity, Scheduler scheduler) {
        return create(workers, capacity, scheduler, job -> Single.fromCallable(job.body()));
    }

    /** The blocking edge: a started queue on a pool of its own. */
    public static RxJavaWorkQueue start(int workers, int capacity) {
        WorkQueue.checkWorkers(workers);
        WorkQueue.checkCapacity(capacity);
        throw new UnsupportedOperationException("TODO(lab05): make a pool of `workers` threads (Schedulers.from(executor)), create the core on it, subscribe to results()");
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
    public boolean submit(Job job) {
        throw new UnsupportedOperationException("TODO(lab05): hand the job to a processor if fewer than capacity accepted jobs wait for a worker; false otherwise");
    }

    public Flowable<JobResult> results() {
        throw new UnsupportedOperationException("TODO(lab05): the job stream — the processor's jobs, each run by work on the scheduler, at most `workers` at once, settled into a JobResult");
    }

    public Single<Report> drain() {
        throw new UnsupportedOperationException("TODO(lab05): stop accepting, complete the processor (the reactive poison pill), report once results() has ended");
    }

    public Single<Report> stop() {
        throw new UnsupportedOperationException("TODO(lab05): as drain(), but a worker handed a job after this hands it back (notRun) instead of running it");
    }

    @Override
    public Report shutdownGracefully() {
        throw new UnsupportedOperationException("TODO(lab05): blockingGet() on drain() on the caller's thread, then end the pool start() made");
    }

    @Override
    public Report shutdownNow() {
        throw new UnsupportedOperationException("TODO(lab05): blockingGet() on stop() on the caller's thread, then end the pool start() made");
    }
}
