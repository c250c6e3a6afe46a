package labs.level06_performance.lab15_bounded_pool;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import labs.support.Threads;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * YOUR bounded-elastic workers — lab15's reactive starting point for the workers (started by
 * {@code labs practice lab15}; check it with {@code labs check lab15}). Replace the
 * {@code TODO(lab15)}; {@code BoundedWorkersContractTest} for {@code reactor-bounded-elastic} and
 * {@code RejectionStormTest} then check your code. The spec:
 * {@code docs/labs/level06_performance/lab15_bounded_pool/README.md}.
 *
 * <p>Write the reactive core, {@link #settle}: every job's {@code work} subscribed at once on
 * {@code scheduler} — a {@code Schedulers.newBoundedElastic(workers, perThread)} that refuses a task
 * it has no room for with a {@code RejectedExecutionException}. The contract ({@link BoundedWorkers}):
 * <ol>
 *   <li>every job settles exactly once: a {@link Settled.Ran} (a job's exception is a failed
 *       {@code Result}, not the end of the stream) or a {@link Settled.Refused} (the scheduler
 *       rejected it; it never ran);</li>
 *   <li>a rejection is the scheduler's, not the job's: tell them apart;</li>
 *   <li>no job is held back: refusing is how this pool says it is full.</li>
 * </ol>
 * The edge ({@link #runAll}: the scheduler made and ended for the run) is given.
 *
 * <p><b>Scheduler:</b> the one passed to {@code settle}. <b>Backpressure:</b> none towards the
 * source; the bound is the scheduler's.
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

    @Override
    public int waitingRoom() {
        return workers * perThread;
    }

    @Override
    public Overload overload() {
        return Overload.REFUSE;
    }

    /** The reactive core: see the class comment for its contract. */
    public Flux<Settled> settle(Flux<Job> jobs, Function<Job, Mono<Long>> work, Scheduler scheduler) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(scheduler, "scheduler");
        throw new UnsupportedOperationException("TODO(lab15): subscribe every job's work on the scheduler at once; "
                + "a job that ran is a Settled.Ran, one the scheduler rejected a Settled.Refused");
    }

    /** The blocking edge. (Given.) */
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
                throw error;
            }
            failure = e;
            throw e;
        } finally {
            scheduler.dispose();
            Threads.awaitEnd("lab15 'reactor-bounded-elastic' scheduler", threads, failure);
        }
    }
}
