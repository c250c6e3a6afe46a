package labs.level06_performance.lab15_bounded_pool;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import labs.support.Result;
import labs.support.Threads;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: every job subscribed at once on {@code Schedulers.newBoundedElastic(workers, perThread)},
 * a scheduler that bounds itself — at most {@code workers} threads, at most {@code perThread} tasks
 * queued behind each — and refuses past that with a {@link RejectedExecutionException}.
 *
 * <p>The reactive core is {@link #settle(Flux, Function, Scheduler)}; {@link #runAll} is the edge: it
 * makes the bounded scheduler for the run, blocks on the core, disposes the scheduler and joins its
 * threads (bounded).
 *
 * <p><b>Scheduler:</b> the one passed to the core; the edge's is
 * {@code newBoundedElastic(workers, ceil(capacity / workers))}, threads {@code lab15-bounded-elastic-N-…}.
 * Its {@code queuedTaskCap} is per thread, not per scheduler: {@code workers} threads of
 * {@code perThread} each is a waiting room of {@code workers x perThread} ({@link #waitingRoom()}),
 * the capacity asked for rounded up to a multiple of {@code workers}. A task stays on the thread it
 * was given even when another frees up first (the scheduler's own javadoc says so).
 *
 * <p><b>Backpressure:</b> none towards the source: {@code flatMap} with unbounded concurrency takes
 * every job at once and subscribes each on the scheduler. The bound is the scheduler's, and
 * overload is refused ({@link Overload#REFUSE}): a rejected job is settled as {@link Settled.Refused},
 * never run. A burst larger than the pool becomes a rejection storm.
 */
public final class ReactorBoundedElasticWorkers implements BoundedWorkers {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final int workers;
    private final int capacity;
    private final int perThread;

    public ReactorBoundedElasticWorkers(int workers, int capacity) {
        this.workers = BoundedWorkers.checkWorkers(workers);
        this.capacity = BoundedWorkers.checkCapacity(capacity);
        this.perThread = (capacity + workers - 1) / workers;
    }

    @Override
    public String name() {
        return "reactor-bounded-elastic";
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** The scheduler's {@code queuedTaskCap} is per thread: {@code workers x ceil(capacity / workers)}. */
    @Override
    public int waitingRoom() {
        return workers * perThread;
    }

    @Override
    public Overload overload() {
        return Overload.REFUSE;
    }

    /**
     * The reactive core: every job's {@code work} subscribed on {@code scheduler} as it arrives; a
     * job the scheduler rejects is {@link Settled.Refused}, the others {@link Settled.Ran}, in the
     * order they settle.
     */
    public Flux<Settled> settle(Flux<Job> jobs, Function<Job, Mono<Long>> work, Scheduler scheduler) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(scheduler, "scheduler");
        return jobs.flatMap(job -> work.apply(job)
                .map(value -> ran(job, Result.success(value)))
                .switchIfEmpty(Mono.fromSupplier(() -> ran(job, Result.failure(new NullPointerException("the work returned null")))))
                // Every exception of the job itself becomes its result here, before subscribeOn...
                .onErrorResume(Exception.class, e -> Mono.just(ran(job, Result.failure(e))))
                .subscribeOn(scheduler)
                // ...so a RejectedExecutionException after it can only be the scheduler refusing the job.
                .onErrorResume(RejectedExecutionException.class,
                        e -> Mono.just(new Settled.Refused(job.id(), "rejected by " + scheduler + ": " + e.getMessage()))), Integer.MAX_VALUE);
    }

    private static Settled ran(Job job, Result<Long> result) {
        return new Settled.Ran(job.id(), result, Thread.currentThread().getName());
    }

    @Override
    public Report runAll(List<Job> jobs) {
        List<Job> checked = BoundedWorkers.checkJobs(jobs);
        ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        ThreadFactory named = Thread.ofPlatform().name("lab15-bounded-elastic-" + RUNS.incrementAndGet() + "-", 1).factory();
        Scheduler scheduler = Schedulers.newBoundedElastic(workers, perThread, task -> {
            Thread thread = named.newThread(task);
            threads.add(thread);
            return thread;
        }, 60);
        Throwable failure = null;
        try {
            return Report.of(settle(Flux.fromIterable(checked), job -> Mono.fromCallable(job.body()), scheduler).collectList().block());
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof Error error) {
                failure = error;
                throw error; // block() wraps an Error: hand it on as it is
            }
            failure = e;
            throw e;
        } finally {
            scheduler.dispose();
            Threads.awaitEnd("lab15 'reactor-bounded-elastic' scheduler", threads, failure);
        }
    }
}
