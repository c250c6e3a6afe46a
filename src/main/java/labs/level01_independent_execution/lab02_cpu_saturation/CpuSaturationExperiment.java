package labs.level01_independent_execution.lab02_cpu_saturation;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import labs.support.CpuWork;
import labs.support.Experiment;
import labs.support.Choice;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;
import reactor.blockhound.BlockHound;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code labs run lab02}: sweeps the worker count from 1 to many times the cores, for CPU-bound
 * and for blocking work, across the six {@link Scheduling}s, and prints throughput and per-task
 * service-time percentiles. It ends by installing BlockHound and putting one blocking task on
 * {@code Schedulers.parallel()}, to show the error a test would get.
 */
public final class CpuSaturationExperiment implements Experiment {

    static final Setting WORKERS = Setting.wholeNumber("workers", "one worker count instead of the sweep 1, cores, 4 x cores, 32 x cores", 1, 4096);
    static final Setting TASKS = Setting.wholeNumber("tasks", "tasks per cell (default 128)", 1, 100_000);

    static final String BLOCKING_ON_PARALLEL = "blocking-on-parallel";
    static final double CPU_TASK_MILLIS = 1;
    static final Duration BLOCKING_TASK = Duration.ofMillis(2);

    @Override
    public List<Choice> implementations() {
        return Scheduling.choices();
    }

    @Override
    public List<Choice> scenarios() {
        return List.of(new Choice("blocking-on-parallel", "skip the sweep: put one blocking task on parallel() under BlockHound"));
    }

    @Override
    public List<Setting> settings() {
        return List.of(WORKERS, TASKS);
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        Optional<String> scenario = request.scenario(scenarios());
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> sweep = request.has(WORKERS.name())
                ? List.of(request.wholeNumber(WORKERS, 1))
                : List.copyOf(new TreeSet<>(List.of(1, cores, 4 * cores, 32 * cores)));
        int tasks = request.wholeNumber(TASKS, 128);
        return out -> printTo(out, impls, scenario, cores, sweep, tasks);
    }

    private static void printTo(PrintStream out, List<String> impls, Optional<String> scenario, int cores, List<Integer> sweep, int tasks)
            throws InterruptedException {
        if (scenario.isEmpty()) {
            CpuWork cpu = CpuWork.calibrate(CPU_TASK_MILLIS);
            out.printf("%d tasks per cell; cpu task ~%.0f ms of one core, blocking task sleeps %d ms; %d cores%n",
                    tasks, CPU_TASK_MILLIS, BLOCKING_TASK.toMillis(), cores);
            for (Work work : List.of(new Work.Cpu(cpu), new Work.Blocking(BLOCKING_TASK))) {
                out.println();
                out.println(work.label() + " work:");
                sweep(work, impls, sweep, tasks, out);
            }
            out.println();
            out.println("""
                    Read it: for cpu work throughput stops growing at workers = cores and service time grows
                    past it (threads take turns on the cores). For blocking work throughput grows with workers
                    until the scheduler caps them: parallel() and computation() have one thread per core, so
                    blocking there wastes them. Virtual threads help blocking work, never cpu work.""");
        }
        out.println();
        showBlockHoundCatchingBlockingOnParallel(out);
    }

    private static void sweep(Work work, List<String> impls, List<Integer> workerCounts, int tasks, PrintStream out)
            throws InterruptedException {
        Table table = new Table("impl", "workers", "threads", "tasks/s", "p50 ms", "p99 ms");
        for (String impl : impls) {
            Scheduling scheduling = Scheduling.byLabel(impl);
            scheduling.measure(work, Math.min(tasks, 16), 2); // warm-up: class loading and JIT, discarded
            for (int workers : workerCounts) {
                Measurement m = scheduling.measure(work, tasks, workers);
                table.row(impl, workers, m.threads(), "%.0f".formatted(m.throughputPerSecond()),
                        "%.2f".formatted(m.p50Millis()), "%.2f".formatted(m.p99Millis()));
            }
        }
        table.print(out);
    }

    /**
     * Installs BlockHound (once per JVM; it cannot be removed) and blocks on {@code parallel()}.
     * Done last, so the measurements above ran without it.
     */
    static void showBlockHoundCatchingBlockingOnParallel(PrintStream out) {
        BlockHound.install();
        try {
            Mono.fromRunnable(() -> {
                try {
                    Thread.sleep(BLOCKING_TASK);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
            out.println("BlockHound: a blocking task on Schedulers.parallel() was NOT flagged (is BlockHound installed?)");
        } catch (RuntimeException e) {
            Throwable cause = Exceptions.unwrap(e);
            out.println("BlockHound on a blocking task put on Schedulers.parallel(): " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            out.println("(tests run under BlockHound always: this is what a test gets, not a slow run)");
        }
    }
}
