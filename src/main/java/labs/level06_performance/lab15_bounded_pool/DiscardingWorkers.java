package labs.level06_performance.lab15_bounded_pool;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * BROKEN on purpose: the two JDK rejection policies that "solve" a rejection storm by losing jobs
 * without a word. {@link #discardNewest} uses {@link ThreadPoolExecutor.DiscardPolicy} (the job just
 * submitted vanishes), {@link #discardOldest} uses {@link ThreadPoolExecutor.DiscardOldestPolicy}
 * (the job waiting longest is thrown out of the queue to make room). The producer sees no exception,
 * the executor no error; the jobs are simply not in the report — neither run nor refused.
 *
 * <p>They break clause 1 of {@link BoundedWorkers} (every job settles exactly once), so they are not
 * in the registry; {@code DiscardingWorkersTest} counts the jobs each one loses.
 */
public final class DiscardingWorkers {

    private final String name;
    private final int workers;
    private final int capacity;
    private final boolean oldest;

    private DiscardingWorkers(String name, int workers, int capacity, boolean oldest) {
        this.name = name;
        this.workers = BoundedWorkers.checkWorkers(workers);
        this.capacity = BoundedWorkers.checkCapacity(capacity);
        this.oldest = oldest;
    }

    /** {@code DiscardPolicy}: a job submitted into a full pool is dropped. */
    public static DiscardingWorkers discardNewest(int workers, int capacity) {
        return new DiscardingWorkers("tpe-discard", workers, capacity, false);
    }

    /** {@code DiscardOldestPolicy}: the oldest waiting job is dropped to make room for the new one. */
    public static DiscardingWorkers discardOldest(int workers, int capacity) {
        return new DiscardingWorkers("tpe-discard-oldest", workers, capacity, true);
    }

    public String name() {
        return name;
    }

    public Report runAll(List<Job> jobs) {
        RejectedExecutionHandler policy = oldest ? new ThreadPoolExecutor.DiscardOldestPolicy() : new ThreadPoolExecutor.DiscardPolicy();
        return ExecutorRun.run(name, threads -> new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), threads, policy), jobs);
    }
}
