package labs.level03_message_passing.lab05_work_queue;

import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: a unicast {@link Sinks.Many} whose buffer is a bounded queue, drained by
 * {@code flatMap(job -> run(job).subscribeOn(scheduler), workers)}.
 *
 * <p><b>Scheduler:</b> by default the queue owns a fixed pool of {@code workers} platform threads
 * named {@code lab05-reactor-…}, wrapped by {@link Schedulers#fromExecutorService}: jobs may block
 * (it is a general work queue), and the pool has ONE shared task queue, so the next job goes to the
 * first free worker. (Not {@code newBoundedElastic(workers, …)}: it keeps a task queue per thread,
 * so a job could wait behind a slow job while another worker sat idle.) Owning the pool means
 * owning its threads — it is shut down and awaited when the job stream terminates (or fails), so a
 * queue that is never shut down is a visible thread leak, and one that was shut down has no thread
 * left. A caller-supplied scheduler is used as is and not disposed (that is how the BlockHound test
 * puts a job on {@code parallel()}).
 *
 * <p><b>Backpressure:</b> {@code flatMap}'s concurrency is the worker count: it requests
 * {@code workers} jobs from the sink and one more as each finishes. Jobs not yet requested wait in
 * the sink's {@link ArrayBlockingQueue} of {@code capacity}; when it is full {@code tryEmitNext}
 * returns {@code FAIL_OVERFLOW} and {@link #submit} returns {@code false} — backpressure reaches
 * the producer as a refusal instead of an unbounded buffer.
 *
 * <p>Why {@code submit} is {@code synchronized}: a unicast sink must be fed by one thread at a
 * time (several producers at once get {@code FAIL_NON_SERIALIZED}), and the same lock makes
 * "accepted" and "shut down" mutually exclusive.
 */
public final class ReactorWorkQueue implements WorkQueue {

    private static final AtomicInteger QUEUES = new AtomicInteger();

    private final int workers;
    private final int capacity;
    private final Sinks.Many<Job> jobs;
    private final ConcurrentLinkedQueue<JobResult> finished = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Job> notRun = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Disposable subscription;
    /** The pool this queue created, or null when the caller lent a scheduler. */
    private final ExecutorService owned;
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean stopNow;
    private boolean accepting = true; // guarded by this

    public ReactorWorkQueue(int workers, int capacity) {
        this(workers, capacity, null);
    }

    /** With {@code scheduler == null} the queue creates (and later disposes) its own. */
    public ReactorWorkQueue(int workers, int capacity, Scheduler scheduler) {
        this.workers = WorkQueue.checkWorkers(workers);
        this.capacity = WorkQueue.checkCapacity(capacity);
        this.jobs = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(capacity));
        String name = "lab05-reactor-" + QUEUES.incrementAndGet();
        this.owned = scheduler == null
                ? Executors.newFixedThreadPool(workers, Thread.ofPlatform().name(name + "-", 1).factory())
                : null;
        Scheduler on = scheduler == null ? Schedulers.fromExecutorService(owned, name) : scheduler;
        this.subscription = workOff(jobs.asFlux(), job -> settle(job).subscribeOn(on), workers)
                .subscribe(finished::add, terminated::completeExceptionally, () -> terminated.complete(null));
    }

    /**
     * The shape of this lab in one operator: jobs from a (possibly endless) source, at most
     * {@code workers} at a time, results as they finish. It completes only when the source does —
     * a producer that never completes keeps it, and its workers, alive for ever.
     */
    public static <T, R> Flux<R> workOff(Flux<T> jobs, Function<T, Mono<R>> worker, int workers) {
        return jobs.flatMap(worker, WorkQueue.checkWorkers(workers));
    }

    /** A failing job becomes a failed result, so one bad job never cancels the stream (and the pool). */
    static Mono<JobResult> settle(int jobId, Mono<Long> work) {
        return work.map(value -> JobResult.succeeded(jobId, value))
                .onErrorResume(e -> Mono.just(JobResult.failed(jobId, e)));
    }

    private Mono<JobResult> settle(Job job) {
        // Checked on the worker thread right before the job would start: after shutdownNow, nothing starts.
        return Mono.fromCallable(() -> {
            if (stopNow) {
                notRun.add(job);
                return null; // an empty Mono: not a result, handed back in the report instead
            }
            return JobResult.run(job);
        });
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
        Sinks.EmitResult result = jobs.tryEmitNext(job);
        if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
            return false;
        }
        if (result == Sinks.EmitResult.FAIL_CANCELLED) {
            // The stream failed (its subscriber is gone): refuse as shut down; the shutdown reports the failure.
            throw WorkQueue.rejected(name(), job);
        }
        result.orThrow(); // anything else (terminated, non-serialized) would be a bug in this class
        accepted.incrementAndGet();
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

    /** Completing the sink is the reactive poison pill: queued jobs are still delivered, then onComplete. */
    private synchronized void complete(boolean now) {
        if (!accepting) {
            throw WorkQueue.alreadyShutDown(name());
        }
        accepting = false;
        stopNow = now;
        // Not orThrow: if the stream already failed, the sink is cancelled and awaitReport reports that failure.
        jobs.tryEmitComplete();
    }

    private Report awaitReport() {
        try {
            terminated.join(); // the caller's thread, never a scheduler thread
        } catch (CompletionException e) {
            // The stream itself failed (not a job: settle turns those into results). The pool is
            // still shut down below; the caller gets what was settled and how many jobs were lost.
            throw WorkQueueFailedException.of(name(), e.getCause(), partialReport(), accepted.get());
        } finally {
            if (owned != null) {
                // The threads go with the stream they served; close() = shutdown + await termination,
                // so "every thread has ended when the shutdown returns" holds. Never closed = leaked.
                owned.close();
            }
        }
        return partialReport();
    }

    private Report partialReport() {
        return new Report(new ArrayList<>(finished), new ArrayList<>(notRun));
    }

    /** For tests: whether the job stream still has its subscriber (it loses it when it terminates). */
    boolean streamAlive() {
        return !subscription.isDisposed();
    }
}
