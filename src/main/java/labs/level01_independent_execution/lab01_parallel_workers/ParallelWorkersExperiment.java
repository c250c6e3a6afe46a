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
import labs.support.DescribedExperiment;
import labs.support.Choice;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;

/**
 * {@code labs run lab01}: every implementation runs the same CPU-bound tasks in real time; the
 * table shows what each run looked like from the inside (wall time, most tasks in flight at once,
 * threads used) and whether the contract held. {@code --inject} adds one failure theme.
 */
public final class ParallelWorkersExperiment extends DescribedExperiment {

    static final List<Choice> SCENARIOS = List.of(
            new Choice("straggler", "the last task takes 10x longer: it sets the completion time"),
            new Choice("hog", "the first task holds its worker for 30 task-lengths"),
            new Choice("oversubscription", "8 x cores workers and tasks: more threads than cores"),
            new Choice("failure", "task 3 throws: reported, and no task starts after it"));
    static final Setting WORKERS = Setting.wholeNumber("workers", "how many tasks may run at once (default 4; 8 x cores with oversubscription)", 1, 10_000);
    static final Setting TASKS = Setting.wholeNumber("tasks", "how many tasks to run (default 8; 8 x cores with oversubscription)", 1, 10_000);
    private static final double TASK_MILLIS = 20;

    public ParallelWorkersExperiment() {
        super(ParallelWorkers.IMPLEMENTATIONS.choices(),
                SCENARIOS,
                List.of(WORKERS, TASKS));
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        Optional<String> scenario = request.scenario(SCENARIOS);
        int cores = Runtime.getRuntime().availableProcessors();
        boolean oversubscribed = scenario.filter("oversubscription"::equals).isPresent();
        int workers = request.wholeNumber(WORKERS, oversubscribed ? 8 * cores : 4);
        int tasks = request.wholeNumber(TASKS, oversubscribed ? 8 * cores : 8);
        return out -> printTo(out, impls, scenario, cores, workers, tasks);
    }

    private static void printTo(PrintStream out, List<String> impls, Optional<String> scenario, int cores, int workers, int tasks) {
        CpuWork unit = CpuWork.calibrate(TASK_MILLIS);
        out.printf("%d tasks of ~%.0f ms CPU work each, %d workers, %d cores; scenario: %s%n%n",
                tasks, TASK_MILLIS, workers, cores, scenario.orElse("none"));

        Table table = new Table("impl", "wall ms", "ideal ms", "max in flight", "threads", "outcome");
        double ideal = idealMillis(tasks, workers, cores, scenario);
        List<Observed> runs = new ArrayList<>();
        for (String impl : impls) {
            Observed run = runOnce(impl, ParallelWorkers.IMPLEMENTATIONS.create(impl).apply(workers), tasks, unit, scenario);
            runs.add(run);
            table.row(impl, "%.0f".formatted(run.wallMillis), "%.0f".formatted(ideal), run.maxInFlight, run.threads, run.verdict);
        }
        table.print(out);
        out.println();
        out.println(readingOf(runs, scenario.orElse("none"), workers, cores, ideal));
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

    private record Observed(String impl, double wallMillis, int maxInFlight, int threads, String verdict, boolean failureReported, int neverStarted) {
    }

    private static Observed runOnce(String name, ParallelWorkers impl, int taskCount, CpuWork unit, Optional<String> scenario) {
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
        boolean reported = false;
        try {
            List<Outcome<Long>> outcomes = impl.runAll(tasks);
            Set<Integer> ids = new HashSet<>();
            outcomes.forEach(o -> ids.add(o.taskId()));
            verdict = ids.size() == taskCount && outcomes.size() == taskCount
                    ? "all " + taskCount + " exactly once"
                    : "CONTRACT BROKEN: " + outcomes.size() + " outcomes, " + ids.size() + " distinct";
        } catch (WorkerFailedException e) {
            reported = true;
            verdict = "reported: task " + e.taskId() + " failed; " + started.get() + " started, "
                    + (taskCount - started.get()) + " never started";
        }
        double wall = (System.nanoTime() - start) / 1e6;
        return new Observed(name, wall, maxInFlight.get(), threads.size(), verdict, reported, taskCount - started.get());
    }

    /** What this run showed, in words computed from its rows — never a claim the rows could contradict. */
    private static String readingOf(List<Observed> runs, String scenario, int workers, int cores, double ideal) {
        StringBuilder out = new StringBuilder();
        Observed fastest = runs.stream().min(java.util.Comparator.comparingDouble(Observed::wallMillis)).orElseThrow();
        Observed slowest = runs.stream().max(java.util.Comparator.comparingDouble(Observed::wallMillis)).orElseThrow();
        switch (scenario) {
            case "failure" -> {
                List<String> silent = runs.stream().filter(r -> !r.failureReported()).map(Observed::impl).toList();
                out.append(silent.isEmpty()
                        ? "This run: every implementation reported the failing task; "
                        : "This run: NOT reported by " + String.join(", ", silent) + " (a contract break); ");
                out.append("tasks never started: ");
                out.append(String.join(", ", runs.stream().map(r -> r.impl() + " " + r.neverStarted()).toList()));
                out.append(".\nNo task starts after a failure is seen; how many had already started depends on the window of ")
                        .append(workers).append(" workers.");
            }
            case "oversubscription" -> {
                out.append("This run: most tasks in flight at once — ");
                out.append(String.join(", ", runs.stream().map(r -> r.impl() + " " + r.maxInFlight()).toList()));
                out.append(", for ").append(workers).append(" workers on ").append(cores).append(" cores.\n");
                List<String> capped = runs.stream().filter(r -> r.maxInFlight() <= cores).map(Observed::impl).toList();
                if (!capped.isEmpty()) {
                    out.append(String.join(", ", capped)).append(" never ran more tasks than there are cores: their threads are carriers or core-sized schedulers. ");
                }
                out.append("CPU-bound work finishes no sooner for it: ideal ").append("%.0f".formatted(ideal))
                        .append(" ms, fastest ").append(fastest.impl()).append(" at ").append("%.0f".formatted(fastest.wallMillis())).append(" ms.");
            }
            default -> {
                out.append("This run: fastest ").append(fastest.impl()).append(" at ").append("%.0f".formatted(fastest.wallMillis()))
                        .append(" ms, slowest ").append(slowest.impl()).append(" at ").append("%.0f".formatted(slowest.wallMillis()))
                        .append(" ms; 'ideal ms' (").append("%.0f".formatted(ideal)).append(") is the work spread over min(workers, cores)")
                        .append(scenario.equals("straggler") || scenario.equals("hog") ? " but never less than the longest task." : ".");
                List<String> over = runs.stream().filter(r -> r.maxInFlight() > workers).map(Observed::impl).toList();
                out.append(over.isEmpty()
                        ? "\nNo implementation ran more than " + workers + " tasks at once."
                        : "\nCONTRACT BROKEN: more than " + workers + " tasks at once in " + String.join(", ", over) + ".");
                if (scenario.equals("straggler")) {
                    out.append(" The straggler alone is 10 tasks long: the slowest task, not the total, sets the time.");
                } else if (scenario.equals("hog")) {
                    out.append(" The hog holds one worker for 30 task-lengths; the others share what is left.");
                }
            }
        }
        return out.toString();
    }
}
