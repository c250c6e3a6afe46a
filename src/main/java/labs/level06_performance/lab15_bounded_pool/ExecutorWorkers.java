package labs.level06_performance.lab15_bounded_pool;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Imperative: a {@link ThreadPoolExecutor} with {@code workers} threads and a bounded
 * {@link ArrayBlockingQueue} of {@code capacity}, made per run. What happens to a job when the
 * threads are busy and the queue is full is the executor's {@link RejectedExecutionHandler}:
 * <ul>
 *   <li>{@link #abort}: {@link ThreadPoolExecutor.AbortPolicy} throws
 *       {@code RejectedExecutionException} at the producer — the job is refused, reported, and the
 *       producer carries on ({@link Overload#REFUSE}). A burst becomes a rejection storm.</li>
 *   <li>{@link #callerRuns}: {@link ThreadPoolExecutor.CallerRunsPolicy} runs the job on the
 *       producer's own thread — which cannot submit anything meanwhile: backpressure with no extra
 *       machinery ({@link Overload#HOLD_BACK}). The price: the producer's thread does the work, so
 *       W + 1 jobs run at once, and a slow job stalls the producer.</li>
 * </ul>
 * The two other JDK policies lose jobs without a word: {@link DiscardingWorkers}. An unbounded queue
 * never rejects at all, and grows instead: {@link UnboundedQueueWorkers}.
 *
 * <p>Why {@code core == max == workers}: a {@code ThreadPoolExecutor} only grows past its core size
 * when the queue is full, so with a bounded queue and {@code max > core} the extra threads start
 * exactly when the queue overflows — surprising, and not the bound this lab is about.
 */
public final class ExecutorWorkers implements BoundedWorkers {

    private final String name;
    private final int workers;
    private final int capacity;
    private final Overload overload;

    private ExecutorWorkers(String name, int workers, int capacity, Overload overload) {
        this.name = name;
        this.workers = BoundedWorkers.checkWorkers(workers);
        this.capacity = BoundedWorkers.checkCapacity(capacity);
        this.overload = overload;
    }

    /** A full pool refuses: {@code AbortPolicy}. */
    public static ExecutorWorkers abort(int workers, int capacity) {
        return new ExecutorWorkers("tpe-abort", workers, capacity, Overload.REFUSE);
    }

    /** A full pool makes the producer run the job itself: {@code CallerRunsPolicy}. */
    public static ExecutorWorkers callerRuns(int workers, int capacity) {
        return new ExecutorWorkers("tpe-caller-runs", workers, capacity, Overload.HOLD_BACK);
    }

    @Override
    public String name() {
        return name;
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
        return capacity;
    }

    @Override
    public Overload overload() {
        return overload;
    }

    private RejectedExecutionHandler policy() {
        return overload == Overload.REFUSE ? new ThreadPoolExecutor.AbortPolicy() : new ThreadPoolExecutor.CallerRunsPolicy();
    }

    @Override
    public Report runAll(List<Job> jobs) {
        return ExecutorRun.run(name, threads -> new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), threads, policy()), jobs);
    }
}
