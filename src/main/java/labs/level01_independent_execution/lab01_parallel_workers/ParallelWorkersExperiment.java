package labs.level01_independent_execution.lab01_parallel_workers;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.CpuWork;
import labs.support.Experiment;
import labs.support.ExperimentOptions;
import labs.support.Table;

/**
 * {@code labs run lab01}: every implementation runs the same CPU-bound tasks in real time; the
 * table shows what each run looked like from the inside (wall time, most tasks in flight at once,
 * threads used) and whether the contract held. {@code --inject} adds one failure theme.
 */
public final class ParallelWorkersExperiment implements Experiment {

    static final List<String> SCENARIOS = List.of("straggler", "hog", "oversubscription", "failure");
    private static final double TASK_MILLIS = 20;
    private static final int MAX = 10_000;

    @Override
    public List<String> implementations() {
        return Implementations.labels();
    }

    @Override
    public List<String> scenarios() {
        return SCENARIOS;
    }

    @Override
    public Run prepare(ExperimentOptions options) {
        List<String> impls = options.implsOf("lab01", implementations());
        Optional<String> scenario = options.scenarioOf("lab01", SCENARIOS);
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = options.workersOr(scenario.filter("oversubscription"::equals).map(s -> 8 * cores).orElse(4), MAX);
        int tasks = options.tasksOr(scenario.filter("oversubscription"::equals).map(s -> 8 * cores).orElse(8), MAX);
        return out -> printTo(out, impls, scenario, cores, workers, tasks);
    }

    private static void printTo(PrintStream out, List<String> impls, Optional<String> scenario, int cores, int workers, int tasks) {
        CpuWork unit = CpuWork.calibrate(TASK_MILLIS);
        out.printf("%d tasks of ~%.0f ms CPU work each, %d workers, %d cores; scenario: %s%n%n",
                tasks, TASK_MILLIS, workers, cores, scenario.orElse("none"));

        Table table = new Table("impl", "wall ms", "ideal ms", "max in flight", "threads", "outcome");
        for (String impl : impls) {
            Observed run = runOnce(Implementations.byLabel(impl).withWorkers(workers), tasks, unit, scenario);
            double ideal = idealMillis(tasks, workers, cores, scenario);
            table.row(impl, "%.0f".formatted(run.wallMillis), "%.0f".formatted(ideal), run.maxInFlight, run.threads, run.verdict);
        }
        table.print(out);
        out.println();
        out.println(explanation(scenario.orElse("none")));
    }

    private static double idealMillis(int tasks, int workers, int cores, Optional<String> scenario) {
        double totalWork = tasks * TASK_MILLIS + scenario.map(s -> switch (s) {
            case "straggler" -> 9 * TASK_MILLIS;
            case "hog" -> 29 * TASK_MILLIS;
            default -> 0.0;
        }).orElse(0.0);
        double spread = totalWork / Math.min(workers, cores);
        double longest = scenario.map(s -> switch (s) {
            case "straggler" -> 10 * TASK_MILLIS;
            case "hog" -> 30 * TASK_MILLIS;
            default -> TASK_MILLIS;
        }).orElse(TASK_MILLIS);
        return Math.max(spread, longest);
    }

    private record Observed(double wallMillis, int maxInFlight, int threads, String verdict) {
    }

    private static Observed runOnce(ParallelWorkers impl, int taskCount, CpuWork unit, Optional<String> scenario) {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Task<Long>> tasks = new ArrayList<>();
        for (int id = 0; id < taskCount; id++) {
            int taskId = id;
            int multiple = switch (scenario.orElse("none")) {
                case "straggler" -> taskId == taskCount - 1 ? 10 : 1; // the last task is the slow one
                case "hog" -> taskId == 0 ? 30 : 1;                    // the first task never lets go of its worker
                default -> 1;
            };
            boolean fails = scenario.filter("failure"::equals).isPresent() && taskId == Math.min(3, taskCount - 1);
            tasks.add(new Task<>(taskId, () -> {
                started.incrementAndGet();
                threads.add(Thread.currentThread().getName());
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    long result = 0;
                    for (int i = 0; i < multiple; i++) {
                        result += unit.run();
                    }
                    if (fails) {
                        throw new IllegalStateException("injected failure");
                    }
                    return result;
                } finally {
                    inFlight.decrementAndGet();
                }
            }));
        }
        long start = System.nanoTime();
        String verdict;
        try {
            List<Outcome<Long>> outcomes = impl.runAll(tasks);
            Set<Integer> ids = new HashSet<>();
            outcomes.forEach(o -> ids.add(o.taskId()));
            verdict = ids.size() == taskCount && outcomes.size() == taskCount
                    ? "all " + taskCount + " exactly once"
                    : "CONTRACT BROKEN: " + outcomes.size() + " outcomes, " + ids.size() + " distinct";
        } catch (WorkerFailedException e) {
            verdict = "reported: task " + e.taskId() + " failed; " + started.get() + " started, "
                    + (taskCount - started.get()) + " never started";
        }
        double wall = (System.nanoTime() - start) / 1e6;
        return new Observed(wall, maxInFlight.get(), threads.size(), verdict);
    }

    private static String explanation(String scenario) {
        return switch (scenario) {
            case "straggler" -> """
                    One task is 10x longer. Completion waits for it: wall time tracks the straggler, not
                    total work / workers. Nothing is wrong with the pool; the slowest task sets the pace.""";
            case "hog" -> """
                    The first task holds its worker for 30 task-lengths. The others share the remaining
                    workers: a hog removes a worker from the pool for as long as it runs.""";
            case "oversubscription" -> """
                    Far more workers than cores, CPU-bound work. Platform threads all start (max in flight =
                    workers) and the OS time-slices them: no faster than 'cores' workers, each task slower.
                    Virtual threads run on one carrier per core and CPU work never yields, so only 'cores' of
                    them are in flight; Reactor parallel() and RxJava computation() are sized to the cores too.""";
            case "failure" -> """
                    Task 3 throws. Every implementation reports it (not swallowed) and starts no task after it;
                    tasks already running are interrupted or finish, and nothing is left running.""";
            default -> """
                    Same tasks, same contract: every outcome exactly once, at most 'workers' in flight. CPU-bound
                    work runs no faster than the core count allows ('ideal ms' = work / min(workers, cores)):
                    virtual threads, parallel() and computation() never have more than 'cores' tasks running.""";
        };
    }
}
