package labs.level03_message_passing.lab05_work_queue;

import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * YOUR Reactor work queue — lab05's starting point. Replace every {@code TODO(lab05)}; the lab's
 * tests (the contract test for {@code reactor}, the virtual-time, stream-failure, BlockHound and
 * leak tests) and the diagrams in {@code marbles/lab05_work_queue.md} then check your code.
 *
 * <p>The shape: a reactive core, and a thin blocking edge over it.
 * <ul>
 *   <li>{@link #create(int, int, Scheduler, Function)} — the core: jobs run on {@code scheduler},
 *       each job's work being {@code work.apply(job)} (the tests give it a duration with
 *       {@code Mono.delay} on a virtual-time scheduler). Nothing runs until {@link #results()} is
 *       subscribed to.</li>
 *   <li>{@link #submit} — never waits: {@code true}, or {@code false} while {@code capacity}
 *       accepted jobs wait for a worker (a job counts until a worker starts it). Throws once shut
 *       down ({@code WorkQueue.rejected}), or once the stream has failed ({@code WorkQueue.failed}).</li>
 *   <li>{@link #results()} — the workers: subscribing to it runs at most {@code workers} jobs at
 *       once; it emits each job's {@link JobResult} as the job settles (an exception or no value is
 *       a failed result; an {@link Error} ends the stream) and completes once a shutdown was asked
 *       for and every accepted job has settled. One subscriber; cancelling it abandons the queue.</li>
 *   <li>{@link #drain()} / {@link #stop()} — graceful and immediate shutdown as a
 *       {@code Mono<Report>}: emitted once {@code results()} has ended. After {@code stop()} no
 *       queued job starts: each is handed back in {@code notRun}. A failed stream fails it with
 *       {@link WorkQueueFailedException}; an Error, as it is.</li>
 *   <li>{@link #start(int, int)}, {@link #shutdownGracefully()}, {@link #shutdownNow()} — the
 *       blocking {@link WorkQueue} edge: a pool of {@code workers} threads of its own, one
 *       {@code block()} on the caller's thread, then the pool ended and its threads joined.</li>
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
public final class ReactorWorkQueue implements WorkQueue {

    private final int workers;
    private final int capacity;
    private final Scheduler scheduler;
    private final Function<Job, Mono<Long>> work;

    private ReactorWorkQueue(int workers, int capacity, Scheduler scheduler, Function<Job, Mono<Long>> work) {
        this.workers = WorkQueue.checkWorkers(workers);
        this.capacity = WorkQueue.checkCapacity(capacity);
        this.scheduler = scheduler;
        this.work = work;
    }

    /** The core: nothing runs until {@link #results()} is subscribed to. */
    public static ReactorWorkQueue create(int workers, int capacity, Scheduler scheduler, Function<Job, Mono<Long>> work) {
        return new ReactorWorkQueue(workers, capacity, scheduler, work);
    }

    /** The core with each job's work being its callable, run on the worker. */
    public static ReactorWorkQueue create(int workers, int capacity, Scheduler scheduler) {
        return create(workers, capacity, scheduler, job -> Mono.fromCallable(job.body()));
    }

    /** The blocking edge: a started queue on a pool of its own. */
    public static ReactorWorkQueue start(int workers, int capacity) {
        WorkQueue.checkWorkers(workers);
        WorkQueue.checkCapacity(capacity);
        throw new UnsupportedOperationException("TODO(lab05): make a pool of `workers` threads (Schedulers.fromExecutorService), create the core on it, subscribe to results()");
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
    public boolean submit(Job job) {
        throw new UnsupportedOperationException("TODO(lab05): emit the job into a sink if fewer than capacity accepted jobs wait for a worker; false otherwise");
    }

    public Flux<JobResult> results() {
        throw new UnsupportedOperationException("TODO(lab05): the job stream — the sink's jobs, each run by work on the scheduler, at most `workers` at once, settled into a JobResult");
    }

    public Mono<Report> drain() {
        throw new UnsupportedOperationException("TODO(lab05): stop accepting, complete the sink (the reactive poison pill), report once results() has ended");
    }

    public Mono<Report> stop() {
        throw new UnsupportedOperationException("TODO(lab05): as drain(), but a worker handed a job after this hands it back (notRun) instead of running it");
    }

    @Override
    public Report shutdownGracefully() {
        throw new UnsupportedOperationException("TODO(lab05): block on drain() on the caller's thread, then end the pool start() made");
    }

    @Override
    public Report shutdownNow() {
        throw new UnsupportedOperationException("TODO(lab05): block on stop() on the caller's thread, then end the pool start() made");
    }
}
