package labs.level01_independent_execution.lab02_cpu_saturation;

import java.time.Duration;
import java.util.function.IntFunction;
import labs.support.Implementation;
import labs.support.Implementations;
import reactor.core.scheduler.Schedulers;

/**
 * The lab02 contract: one way to run a batch of tasks with at most {@code workers} at once. The six
 * implementations differ only in the threads behind them, which is what the experiment measures.
 * See the lab's README.md for the spec.
 *
 * <ol>
 *   <li>Every task runs exactly once; {@link #runAll} returns after the last one has ended.</li>
 *   <li>A task is <em>taken</em> — {@code task.apply(i)} is called — only when one of the
 *       {@code workers} slots is free: at most {@code workers} tasks are taken and unfinished at any
 *       moment, never the whole batch up front. (In the experiment, a task <em>waited</em> from
 *       being taken until a thread started it.)</li>
 *   <li>When the threads allow it, {@code workers} tasks do run at the same time.</li>
 *   <li>A task that throws fails the run: {@code runAll} throws that exception (or error) as it
 *       is, and takes no further task.</li>
 *   <li>A batch that has not ended within {@link #BATCH_WITHIN} fails the run instead of hanging it.</li>
 *   <li>When {@code runAll} returns or throws, no thread it started is still running (the
 *       process-wide reactive schedulers are not its own).</li>
 * </ol>
 */
public interface Scheduling {

    /**
     * The six ways, by the name {@code --impl} takes; the contract test runs each of them. Each is
     * made with its worker count ({@code IMPLEMENTATIONS.create("virtual").apply(8)}). The reactive
     * ones are the same class given another scheduler: a test can give them its own.
     */
    Implementations<IntFunction<Scheduling>> IMPLEMENTATIONS = Implementations.of("lab02",
            new Implementation<>("platform", "a fixed pool of W platform threads per batch, fed by a window of W tasks", ExecutorScheduling::platformThreads),
            new Implementation<>("virtual", "a virtual thread per task, a Semaphore(W) window bounding how many are taken", ExecutorScheduling::virtualThreads),
            new Implementation<>("reactor-parallel", "flatMap(task -> fromRunnable(task).subscribeOn(parallel()), W): one thread per core",
                    workers -> new ReactorScheduling(workers, Schedulers.parallel())),
            new Implementation<>("reactor-elastic", "the same on boundedElastic(): up to 10 threads per core",
                    workers -> new ReactorScheduling(workers, Schedulers.boundedElastic())),
            new Implementation<>("rxjava-computation", "flatMapSingle(task -> fromRunnable(task).subscribeOn(computation()), false, W): one thread per core",
                    workers -> new RxJavaScheduling(workers, io.reactivex.rxjava3.schedulers.Schedulers.computation())),
            new Implementation<>("rxjava-io", "the same on io(): an unbounded cached pool",
                    workers -> new RxJavaScheduling(workers, io.reactivex.rxjava3.schedulers.Schedulers.io())));

    /** How long a batch may take before the run fails: far longer than any cell of the experiment. */
    Duration BATCH_WITHIN = Duration.ofMinutes(10);

    /** How many tasks may run at once. */
    int workers();

    /**
     * Runs tasks {@code 0 … tasks-1} and returns when all have ended; {@code task.apply(i)} makes
     * the i-th one, and is called only when a slot is free (clause 2).
     */
    void runAll(int tasks, IntFunction<? extends Runnable> task) throws InterruptedException;

    /** Bad input fails before anything starts, with a message that names the problem. */
    static int checkWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1 (got " + workers + ")");
        }
        return workers;
    }

    static int checkTasks(int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be >= 1 (got " + tasks + ")");
        }
        return tasks;
    }
}
