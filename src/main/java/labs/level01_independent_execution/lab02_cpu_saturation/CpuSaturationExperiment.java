package labs.level01_independent_execution.lab02_cpu_saturation;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.CpuWork;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Setting;
import labs.support.SvgChart;
import labs.support.Table;
import org.HdrHistogram.Histogram;

/**
 * {@code labs run lab02}: sweeps the worker count from 1 to 32 times the cores, for CPU-bound and
 * for blocking work, across the six {@link Scheduling}s, and prints throughput, how long tasks
 * waited for a thread and their service time; what it prints after each table is computed from that
 * table ({@link SweepReading}). {@code --chart FILE.svg} also draws it. It ends by putting one
 * blocking task on {@code Schedulers.parallel()} under BlockHound, in a JVM of its own
 * ({@link BlockHoundDemo}), to show the error a test would get.
 */
public final class CpuSaturationExperiment extends DescribedExperiment {

    static final String BLOCKING_ON_PARALLEL = "blocking-on-parallel";
    static final List<Choice> SCENARIOS = List.of(
            new Choice(BLOCKING_ON_PARALLEL, "skip the sweep: put one blocking task on parallel() under BlockHound"));
    static final Setting WORKERS = Setting.wholeNumber("workers", "one worker count instead of the sweep 1, cores, 4 x cores, 32 x cores", 1, 4096);
    static final Setting TASKS = Setting.wholeNumber("tasks",
            "tasks in every cell (default: sized to each cell, enough to keep its workers busy ~128 ms)", 1, 1_000_000);
    static final Setting CHART = Setting.file("chart", "also draw the sweep into this SVG file: throughput and latency against workers", ".svg");

    static final double CPU_TASK_MILLIS = 1;
    static final Duration BLOCKING_TASK = Duration.ofMillis(2);
    /** How long, at the least, a cell keeps busy the threads its work can use at once. */
    static final double CELL_MILLIS = 128;

    /** One kind of work of the sweep: cpu work can use only as many threads at once as there are cores. */
    record Kind(String label, double taskMillis, boolean needsACore) {
    }

    static final Kind CPU = new Kind("cpu", CPU_TASK_MILLIS, true);
    static final Kind BLOCKING = new Kind("blocking", BLOCKING_TASK.toMillis(), false);

    public CpuSaturationExperiment() {
        super(Scheduling.IMPLEMENTATIONS.choices(),
                SCENARIOS,
                List.of(WORKERS, TASKS, CHART));
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        Optional<String> scenario = request.scenario(SCENARIOS);
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> sweep = request.has(WORKERS.name()) ? List.of(request.wholeNumber(WORKERS, 1)) : sweep(cores);
        OptionalInt tasks = request.has(TASKS.name()) ? OptionalInt.of(request.wholeNumber(TASKS, 1)) : OptionalInt.empty();
        Optional<Path> chart = request.file(CHART);
        if (chart.isPresent() && scenario.isPresent()) {
            throw new BadInputException(CHART.option() + " draws the sweep, which --inject " + scenario.get() + " skips: drop one of them");
        }
        StringBuilder command = new StringBuilder("labs run lab02"); // for the chart's caption
        if (request.has("impl")) {
            command.append(" --impl ").append(impls.getFirst());
        }
        if (request.has(WORKERS.name())) {
            command.append(" ").append(WORKERS.option()).append(' ').append(sweep.getFirst());
        }
        tasks.ifPresent(n -> command.append(" ").append(TASKS.option()).append(' ').append(n));
        return out -> {
            if (scenario.isEmpty()) {
                sweepAll(out, impls, cores, sweep, tasks, chart, command.toString());
            }
            out.println();
            BlockHoundDemo.showInAJvmOfItsOwn(out);
        };
    }

    /** 1, cores, 4 x cores and 32 x cores workers (fewer on one core, where some coincide). */
    static List<Integer> sweep(int cores) {
        return List.copyOf(new TreeSet<>(List.of(1, cores, 4 * cores, 32 * cores)));
    }

    /**
     * How many tasks one cell runs: enough that the threads its work can use at once — cores for cpu
     * work, every worker for blocking work — are kept busy at least {@link #CELL_MILLIS}, and never
     * fewer than one task per worker. So the batch grows with the core count, a cell with 32 x cores
     * workers still starts every one of them, and thread start-up is amortized.
     */
    static int batchSize(Kind kind, int workers, int cores) {
        int atOnce = kind.needsACore() ? Math.min(workers, cores) : workers;
        long tasks = (long) Math.ceil(CELL_MILLIS / kind.taskMillis()) * atOnce;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(workers, tasks));
    }

    private static void sweepAll(PrintStream out, List<String> impls, int cores, List<Integer> sweep, OptionalInt tasks,
            Optional<Path> chart, String command) throws InterruptedException {
        CpuWork cpu = CpuWork.calibrate(CPU_TASK_MILLIS);
        out.printf("cpu task ~%.0f ms of one core, blocking task sleeps %d ms; %d cores; tasks per cell: %s%n",
                CPU_TASK_MILLIS, BLOCKING_TASK.toMillis(), cores, tasks.isPresent() ? tasks.getAsInt()
                        : "sized to keep the cell's workers busy ~%.0f ms (cpu: %.0f x min(workers, cores); blocking: %.0f x workers)"
                                .formatted(CELL_MILLIS, CELL_MILLIS / CPU.taskMillis(), CELL_MILLIS / BLOCKING.taskMillis()));
        List<SweepReading.Row> cpuRows = sweepOne(out, CPU, new Work.Cpu(cpu), impls, cores, sweep, tasks);
        List<SweepReading.Row> blockingRows = sweepOne(out, BLOCKING, new Work.Blocking(BLOCKING_TASK), impls, cores, sweep, tasks);
        if (chart.isPresent()) {
            writeChart(chart.get(), cpuRows, blockingRows, command);
            out.println();
            out.println("Chart: " + chart.get());
        }
    }

    private static List<SweepReading.Row> sweepOne(PrintStream out, Kind kind, Work work, List<String> impls, int cores,
            List<Integer> sweep, OptionalInt tasks) throws InterruptedException {
        out.println();
        out.println(kind.label() + " work:");
        Table table = new Table("impl", "workers", "tasks", "threads", "tasks/s", "waited p50 ms", "waited p99 ms",
                "service p50 ms", "service p99 ms");
        List<SweepReading.Row> rows = new ArrayList<>();
        for (String impl : impls) {
            var create = Scheduling.IMPLEMENTATIONS.create(impl);
            Measurement.take(create.apply(2), work, 16); // warm-up: class loading and JIT, discarded
            for (int workers : sweep) {
                Measurement m = Measurement.take(create.apply(workers), work, tasks.orElse(batchSize(kind, workers, cores)));
                rows.add(new SweepReading.Row(impl, workers, m));
                table.row(impl, workers, m.tasks(), m.threads(), "%.0f".formatted(m.throughputPerSecond()),
                        ms(m.waitedMicros(), 50), ms(m.waitedMicros(), 99), ms(m.serviceMicros(), 50), ms(m.serviceMicros(), 99));
            }
        }
        table.print(out);
        out.println();
        out.println(kind.needsACore() ? SweepReading.cpu(rows, cores) : SweepReading.blocking(rows, cores, kind.taskMillis()));
        return rows;
    }

    private static String ms(Histogram histogram, double percentile) {
        return "%.2f".formatted(Measurement.millis(histogram, percentile));
    }

    private static void writeChart(Path file, List<SweepReading.Row> cpu, List<SweepReading.Row> blocking, String command) {
        String svg = SvgChart.svg("lab02 CPU saturation: throughput and latency against workers", List.of(
                        SweepReading.throughputPanel("cpu work (~%.0f ms of one core): throughput".formatted(CPU_TASK_MILLIS), cpu),
                        SweepReading.latencyPanel("cpu work: latency p50 (waited + service)", cpu),
                        SweepReading.throughputPanel("blocking work (%d ms sleep): throughput".formatted(BLOCKING_TASK.toMillis()), blocking),
                        SweepReading.latencyPanel("blocking work: latency p50 (waited + service)", blocking)),
                2, SvgChart.machine(LocalDate.now()) + "; " + command);
        try {
            SvgChart.write(file, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chart to " + file, e);
        }
    }
}
