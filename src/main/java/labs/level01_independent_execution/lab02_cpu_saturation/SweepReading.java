package labs.level01_independent_execution.lab02_cpu_saturation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import labs.support.SvgChart;

/**
 * What a sweep showed, in words and as chart panels, computed from its rows — never a claim a
 * run could contradict. Where a run does not show what the spec expects (no plateau, a latency
 * that did not grow), the words say so instead of repeating the spec.
 */
final class SweepReading {

    /** More than this much growth past the core count is more than noise: not a plateau. */
    static final double PLATEAU_TOLERANCE = 0.10;

    /** One cell: an implementation at a worker count, and what it measured. */
    record Row(String impl, int workers, Measurement measurement) {
        double throughput() {
            return measurement.throughputPerSecond();
        }

        double latencyP50Millis() {
            return Measurement.millis(measurement.latencyMicros(), 50);
        }

        boolean mostlyWaited() {
            return Measurement.millis(measurement.waitedMicros(), 50) > Measurement.millis(measurement.serviceMicros(), 50);
        }
    }

    private SweepReading() {
    }

    /** The cpu-work reading: where throughput stopped growing, and where the latency went past it. */
    static String cpu(List<Row> rows, int cores) {
        List<Integer> workers = workerCounts(rows);
        if (workers.size() < 2) {
            return oneWorkerCount(workers, "where throughput stops growing");
        }
        Map<String, List<Row>> byImpl = byImpl(rows);
        StringBuilder out = new StringBuilder("This run, cpu work:");
        if (cores > 1 && workers.contains(1) && workers.contains(cores)) {
            out.append(" from 1 worker to ").append(cores).append(" (= cores) throughput grew ")
                    .append(list(byImpl, r -> ratio(at(r, cores).throughput(), at(r, 1).throughput()))).append('.');
        }
        List<Integer> beyond = workers.stream().filter(w -> w > cores).toList();
        if (!beyond.isEmpty() && workers.contains(cores)) {
            double lowest = Double.MAX_VALUE;
            double highest = -Double.MAX_VALUE;
            String grew = null;
            for (List<Row> impl : byImpl.values()) {
                double atCores = at(impl, cores).throughput();
                for (int w : beyond) {
                    double change = at(impl, w).throughput() / atCores - 1;
                    lowest = Math.min(lowest, change);
                    if (change > highest) {
                        highest = change;
                        grew = impl.getFirst().impl() + " at " + w + " workers";
                    }
                }
            }
            out.append(" Past ").append(cores).append(" workers it changed by ").append(percent(lowest)).append(" to ").append(percent(highest));
            out.append(highest <= PLATEAU_TOLERANCE
                    ? ": no further growth, the plateau is at the core count."
                    : ": " + grew + " grew more than a plateau allows — were other processes sharing the cores? Rerun on a quiet machine.");
        }
        int top = workers.getLast();
        int reference = workers.contains(cores) && cores < top ? cores : workers.getFirst();
        out.append("\nLatency p50 (waited + service), ").append(reference).append(" → ").append(top).append(" workers: ");
        List<String> each = new ArrayList<>();
        int grewTwofold = 0;
        for (List<Row> impl : byImpl.values()) {
            Row low = at(impl, reference);
            Row high = at(impl, top);
            each.add("%s %.1f → %.1f ms (%s)".formatted(high.impl(), low.latencyP50Millis(), high.latencyP50Millis(),
                    high.mostlyWaited() ? "mostly waiting to start" : "mostly in service, sharing a core"));
            grewTwofold += high.latencyP50Millis() >= 2 * low.latencyP50Millis() ? 1 : 0;
        }
        out.append(String.join("; ", each)).append('.');
        if (top > cores) {
            out.append(grewTwofold == byImpl.size()
                    ? "\nPast the core count, more workers bought latency, not throughput: tasks wait to start or take turns on the cores."
                    : "\nIn " + (byImpl.size() - grewTwofold) + " of " + byImpl.size() + " implementations latency grew less than 2x past the core count.");
        }
        return out.toString();
    }

    /** The blocking-work reading: growth with workers, and which schedulings capped it at their threads. */
    static String blocking(List<Row> rows, int cores, double taskMillis) {
        List<Integer> workers = workerCounts(rows);
        if (workers.size() < 2) {
            return oneWorkerCount(workers, "how far throughput grows with threads");
        }
        Map<String, List<Row>> byImpl = byImpl(rows);
        int first = workers.getFirst();
        int top = workers.getLast();
        StringBuilder out = new StringBuilder("This run, blocking work: throughput at ").append(top).append(" workers against ")
                .append(first).append(": ").append(list(byImpl, r -> ratio(at(r, top).throughput(), at(r, first).throughput()))).append('.');
        List<String> capped = new ArrayList<>();
        List<String> grew = new ArrayList<>();
        for (List<Row> impl : byImpl.values()) {
            Row high = at(impl, top);
            if (high.measurement().threads() <= cores && top > cores) {
                capped.add(high.impl());
            } else {
                grew.add(high.impl() + " on " + high.measurement().threads() + " threads");
            }
        }
        if (!capped.isEmpty()) {
            out.append("\n").append(String.join(", ", capped)).append(" never used more than ").append(cores)
                    .append(" threads (one per core): at most ").append(cores).append(" tasks sleep at once, about ")
                    .append("%.0f".formatted(cores * 1000 / taskMillis)).append(" tasks/s for a ").append("%.0f".formatted(taskMillis))
                    .append(" ms sleep — blocking on a core-sized scheduler wastes it (and BlockHound rejects it).");
        }
        if (!grew.isEmpty()) {
            out.append("\nAt ").append(top).append(" workers: ").append(String.join(", ", grew))
                    .append(". A sleeping task needs a thread, not a core.");
        }
        return out.toString();
    }

    /** Throughput against workers, one line per implementation. */
    static SvgChart.Panel throughputPanel(String title, List<Row> rows) {
        return new SvgChart.Panel(title, SvgChart.Axis.log2("workers"), SvgChart.Axis.linear("tasks/s"), lines(rows, Row::throughput));
    }

    /** Median latency (waited + service) against workers, one line per implementation. */
    static SvgChart.Panel latencyPanel(String title, List<Row> rows) {
        return new SvgChart.Panel(title, SvgChart.Axis.log2("workers"), SvgChart.Axis.log2("ms"), lines(rows, Row::latencyP50Millis));
    }

    private static List<SvgChart.Line> lines(List<Row> rows, java.util.function.ToDoubleFunction<Row> y) {
        List<SvgChart.Line> lines = new ArrayList<>();
        byImpl(rows).forEach((impl, cells) -> lines.add(new SvgChart.Line(impl,
                cells.stream().map(r -> new SvgChart.Point(r.workers(), y.applyAsDouble(r))).toList())));
        return lines;
    }

    private static String oneWorkerCount(List<Integer> workers, String what) {
        return "This run: one worker count (" + workers.stream().findFirst().map(String::valueOf).orElse("none")
                + "); the sweep (run without --workers) shows " + what + ".";
    }

    private static List<Integer> workerCounts(List<Row> rows) {
        return List.copyOf(new TreeSet<>(rows.stream().map(Row::workers).toList()));
    }

    private static Map<String, List<Row>> byImpl(List<Row> rows) {
        Map<String, List<Row>> byImpl = new LinkedHashMap<>();
        rows.forEach(r -> byImpl.computeIfAbsent(r.impl(), k -> new ArrayList<>()).add(r));
        return byImpl;
    }

    private static Row at(List<Row> impl, int workers) {
        Optional<Row> row = impl.stream().filter(r -> r.workers() == workers).findFirst();
        return row.orElseThrow(() -> new IllegalArgumentException(impl.getFirst().impl() + " has no row at " + workers + " workers"));
    }

    private static String list(Map<String, List<Row>> byImpl, java.util.function.Function<List<Row>, String> each) {
        return String.join(", ", byImpl.values().stream().map(r -> r.getFirst().impl() + " " + each.apply(r)).toList());
    }

    private static String ratio(double a, double b) {
        return "%.1fx".formatted(a / b);
    }

    private static String percent(double change) {
        return "%+.0f%%".formatted(100 * change);
    }
}
