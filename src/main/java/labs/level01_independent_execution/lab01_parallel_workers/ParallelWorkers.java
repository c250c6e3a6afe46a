package labs.level01_independent_execution.lab01_parallel_workers;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The lab01 contract, met by every implementation (platform threads, virtual threads, Reactor,
 * RxJava) and checked by one shared contract test. See the lab's README.md for the spec.
 *
 * <ul>
 *   <li>Every task runs exactly once and its outcome is returned exactly once.</li>
 *   <li>At most {@code workers} tasks run at the same time; tasks are started as workers free up,
 *       not all submitted up front.</li>
 *   <li>{@link #runAll} returns after the last task has finished, never before.</li>
 *   <li>If a task throws, {@code runAll} throws {@link WorkerFailedException} for the first
 *       failure; tasks not yet started are never started. Nothing is swallowed.</li>
 *   <li>Clean shutdown: when {@code runAll} returns or throws, no thread it started is still
 *       running (the test suite's leak check verifies this after every test).</li>
 * </ul>
 */
public interface ParallelWorkers {

    /**
     * Every implementation, by the name {@code --impl} takes; the contract test runs each of them.
     * Each is made with its worker count ({@code IMPLEMENTATIONS.create("reactor").apply(4)}).
     */
    Implementations<IntFunction<ParallelWorkers>> IMPLEMENTATIONS = Implementations.of("lab01",
            new Implementation<>("platform", "a fixed pool of W platform threads per run, a sliding window of W submissions", PlatformThreadWorkers::new),
            new Implementation<>("virtual", "a virtual thread per task, a Semaphore(W) bounding how many run", VirtualThreadWorkers::new),
            new Implementation<>("reactor", "flatMap(task -> fromCallable(task).subscribeOn(parallel()), W)", ReactorWorkers::new),
            new Implementation<>("rxjava", "flatMapSingle(task -> fromCallable(task).subscribeOn(computation()), false, W)", RxJavaWorkers::new));

    /** A short name, as used by {@code labs run lab01 --impl NAME}. */
    String name();

    /** How many tasks may run at once. */
    int workers();

    /** Runs every task and waits for all of them; outcomes are in completion order. */
    <R> List<Outcome<R>> runAll(List<Task<R>> tasks);

    /** Bad input fails before anything starts, with a message that names the problem. */
    static int checkWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1 (got " + workers + ")");
        }
        return workers;
    }

    static <R> List<Task<R>> checkTasks(List<Task<R>> tasks) {
        Objects.requireNonNull(tasks, "tasks must not be null");
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task<R> task = tasks.get(i);
            if (task == null) {
                throw new NullPointerException("tasks[" + i + "] is null");
            }
            if (!ids.add(task.id())) {
                throw new IllegalArgumentException("task id " + task.id() + " appears twice; ids must be unique");
            }
        }
        return List.copyOf(tasks);
    }
}
