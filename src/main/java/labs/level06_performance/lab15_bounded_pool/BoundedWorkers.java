package labs.level06_performance.lab15_bounded_pool;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import labs.support.BadInputException;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * Bounded concurrency for an unbounded stream of submissions: the lab15 workers contract, met by
 * every implementation in {@link #IMPLEMENTATIONS} and checked by one contract test. See the lab's
 * README.md for the spec.
 *
 * <ol>
 *   <li><b>Every job settles exactly once.</b> {@link #runAll} returns a {@link Report} in which
 *       every job either ran (with its result) or was refused — never both, never neither. A job
 *       that throws is a failed result; the other jobs still run.</li>
 *   <li><b>Bounded.</b> At most {@link #workers()} jobs run at once on the implementation's
 *       threads. (With {@link Overload#HOLD_BACK} by caller-runs, the producer may run one more
 *       itself: that is how it is held back.)</li>
 *   <li><b>A bounded waiting room.</b> Jobs the producer has handed over that no worker has started
 *       never number more than {@link #waitingRoom()}: no queue grows with the load.</li>
 *   <li><b>Overload is refused or pushed back, never hidden.</b> A job submitted while the workers
 *       are busy and the room is full is refused at once ({@link Overload#REFUSE}) or holds the
 *       producer back until there is room ({@link Overload#HOLD_BACK}).</li>
 *   <li><b>A stream, not a batch.</b> The producer takes the jobs from the list in order, one at a
 *       time, as it submits them; it never reads ahead of what it has handed over.</li>
 *   <li><b>Clean end.</b> When {@code runAll} returns, every job that ran has ended and no thread it
 *       started is alive (the leak check verifies it).</li>
 *   <li><b>Bad input fails first</b>, in one line: workers or capacity below 1, a null job list or
 *       job, an id that appears twice.</li>
 * </ol>
 */
public interface BoundedWorkers {

    /** How an implementation is made: the registry's factory type. */
    @FunctionalInterface
    interface Maker {
        BoundedWorkers make(int workers, int capacity);
    }

    /**
     * Every implementation, by the name {@code --impl} takes; the contract test runs each of them
     * ({@code IMPLEMENTATIONS.create("tpe-abort").make(4, 8)}).
     */
    Implementations<Maker> IMPLEMENTATIONS = Implementations.of("lab15",
            new Implementation<>("tpe-abort", "ThreadPoolExecutor(W, W, ArrayBlockingQueue(Q), AbortPolicy): a full pool refuses", ExecutorWorkers::abort),
            new Implementation<>("tpe-caller-runs", "the same executor with CallerRunsPolicy: a full pool makes the producer run the job itself", ExecutorWorkers::callerRuns),
            new Implementation<>("virtual-semaphore", "a virtual thread per job, a Semaphore(W) the producer waits on", VirtualThreadWorkers::new),
            new Implementation<>("reactor-flatmap", "flatMap(job -> work(job).subscribeOn(boundedElastic()), W): the source is pulled W at a time", ReactorWorkers::new),
            new Implementation<>("reactor-bounded-elastic", "subscribeOn(newBoundedElastic(W, ceil(Q / W))) for every job at once: a full scheduler rejects", ReactorBoundedElasticWorkers::new),
            new Implementation<>("rxjava-flatmap", "flatMapSingle(job -> work(job).subscribeOn(io()), false, W): the source is pulled W at a time", RxJavaWorkers::new));

    /** A short name, as {@code labs run lab15 --impl NAME} takes it. */
    String name();

    /** How many jobs may run at once. */
    int workers();

    /** The capacity asked for: how many accepted jobs may wait for a worker. */
    int capacity();

    /** How many handed-over jobs may really wait for a worker here (clause 3): {@code capacity} or what the design allows. */
    int waitingRoom();

    /** What a job submitted into a full pool meets (clause 4). */
    Overload overload();

    /** Submits every job, in order, as fast as the implementation lets the producer (the caller), and waits for them. */
    Report runAll(List<Job> jobs);

    static int checkWorkers(int workers) {
        if (workers < 1) {
            throw new BadInputException("workers must be >= 1 (got " + workers + ")");
        }
        return workers;
    }

    static int checkCapacity(int capacity) {
        if (capacity < 1) {
            throw new BadInputException("capacity must be >= 1 (got " + capacity + ")");
        }
        return capacity;
    }

    /**
     * Checks the jobs by index — without copying or iterating the list, so that the producer still
     * takes each job only when it submits it (clause 5) — and returns the same list.
     */
    static List<Job> checkJobs(List<Job> jobs) {
        Objects.requireNonNull(jobs, "jobs must not be null");
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            if (job == null) {
                throw new NullPointerException("jobs[" + i + "] is null");
            }
            if (!ids.add(job.id())) {
                throw new BadInputException("job id " + job.id() + " appears twice; ids must be unique");
            }
        }
        return jobs;
    }
}
