package labs.level06_performance.lab14_lock_contention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import labs.support.SvgChart;

/**
 * What a run of {@code labs run lab14} showed, in words and as chart panels, computed from its rows
 * — never a claim a run could contradict. Where a run does not show what the spec expects (no
 * collapse, no gain from padding), the words say what it did show.
 */
final class ContentionReading {

    /** Throughput below this share of an implementation's own peak, at the most threads: collapsed. */
    static final double COLLAPSE = 0.5;
    /** Throughput at the core count at least this many times the one-thread figure: it scaled. */
    static final double SCALED = 1.5;

    /** One cell of the sweep: an implementation at a thread count, and what it counted. */
    record Row(String impl, int threads, Tally tally) {
        double perMicrosecond() {
            return tally.perMicrosecond();
        }
    }

    /** One implementation's run under JFR. */
    record ProfiledRow(String impl, int threads, Tally tally, ContentionProfile.Profile profile) {
    }

    /** One hand-off, measured, and its profile (a second run, under JFR). */
    record HandoffRow(String impl, Transfer transfer, ContentionProfile.Profile profile) {
    }

    private ContentionReading() {
    }

    /** The reading after the sweep's table. */
    static String sweep(List<Row> rows, int cores) {
        List<String> lines = new ArrayList<>();
        List<String> lost = rows.stream().filter(r -> r.tally().lost() != 0)
                .map(r -> r.impl() + " at " + r.threads() + " threads (" + r.tally().lost() + ")").toList();
        lines.add(lost.isEmpty()
                ? "This run: every cell counted exactly what its writers added."
                : "CONTRACT BROKEN this run: counted and added differ for " + String.join(", ", lost) + ".");
        List<Integer> counts = threadCounts(rows);
        if (counts.size() < 2) {
            lines.add("One thread count (" + counts.stream().findFirst().map(String::valueOf).orElse("none")
                    + "); the sweep (run without --threads) shows how each implementation scales.");
            return String.join("\n", lines);
        }
        int first = counts.getFirst();
        int top = counts.getLast();
        int atCores = counts.stream().filter(t -> t <= cores).reduce((a, b) -> b).orElse(first);
        List<String> scaled = new ArrayList<>();
        List<String> collapsed = new ArrayList<>();
        List<String> level = new ArrayList<>();
        for (List<Row> impl : byImpl(rows).values()) {
            Row one = at(impl, first);
            Row peak = impl.stream().max(Comparator.comparingDouble(Row::perMicrosecond)).orElseThrow();
            Row most = at(impl, top);
            String name = one.impl();
            if (most.perMicrosecond() < COLLAPSE * peak.perMicrosecond()) {
                collapsed.add("%s %s at %d → %s at %d threads (%s)".formatted(name, rate(peak.perMicrosecond()), peak.threads(),
                        rate(most.perMicrosecond()), top, percent(most.perMicrosecond() / peak.perMicrosecond() - 1)));
            } else if (atCores > first && at(impl, atCores).perMicrosecond() >= SCALED * one.perMicrosecond()) {
                scaled.add("%s %.1fx".formatted(name, at(impl, atCores).perMicrosecond() / one.perMicrosecond()));
            } else {
                level.add(name);
            }
        }
        if (!scaled.isEmpty()) {
            lines.add("Grew from " + first + " to " + atCores + " threads (" + (atCores == cores ? "= cores" : "≤ " + cores + " cores")
                    + "): " + String.join(", ", scaled) + ".");
        }
        if (!collapsed.isEmpty()) {
            lines.add("Collapsed — at " + top + " threads under " + "%.0f%%".formatted(100 * COLLAPSE) + " of their own peak: "
                    + String.join("; ", collapsed) + ". More threads bought less: the lock hands over more often than it is used.");
        }
        if (!level.isEmpty()) {
            lines.add("Neither grew " + "%.1fx".formatted(SCALED) + " nor collapsed: " + String.join(", ", level) + ".");
        }
        List<Row> atTop = rows.stream().filter(r -> r.threads() == top).sorted(Comparator.comparingDouble(Row::perMicrosecond).reversed()).toList();
        Row best = atTop.getFirst();
        Row worst = atTop.getLast();
        if (atTop.size() > 1) {
            lines.add("At " + top + " threads" + (top > cores ? " (more than the " + cores + " cores)" : "") + ": fastest " + best.impl() + " "
                    + rate(best.perMicrosecond()) + ", slowest " + worst.impl() + " " + rate(worst.perMicrosecond()) + ", "
                    + "%.0fx".formatted(best.perMicrosecond() / Math.max(1e-9, worst.perMicrosecond())) + " apart.");
        }
        return String.join("\n", lines);
    }

    /** The reading after the JFR table: who waited, how, and how often per increment. */
    static String profile(List<ProfiledRow> profiled) {
        List<String> lines = new ArrayList<>();
        List<String> nothing = profiled.stream().filter(r -> r.tally().counted() == 0).map(ProfiledRow::impl).toList();
        if (!nothing.isEmpty()) {
            lines.add("Counted nothing in its JFR run (no rate to give): " + String.join(", ", nothing) + ".");
        }
        List<ProfiledRow> rows = profiled.stream().filter(r -> r.tally().counted() > 0).toList();
        List<ProfiledRow> waited = rows.stream().filter(r -> r.profile().monitorWaits() + r.profile().parks() > 0)
                .sorted(Comparator.comparingDouble((ProfiledRow r) -> r.profile().waitsPerThousand(r.tally().counted())).reversed()).toList();
        List<String> none = rows.stream().filter(r -> r.profile().monitorWaits() + r.profile().parks() == 0).map(ProfiledRow::impl).toList();
        if (!waited.isEmpty()) {
            lines.add("Waits per 1000 increments (monitor waits + parks): " + String.join(", ", waited.stream()
                    .map(r -> "%s %.2f".formatted(r.impl(), r.profile().waitsPerThousand(r.tally().counted()))).toList()) + ".");
            ProfiledRow most = waited.getFirst();
            lines.add("Most: " + most.impl() + ", " + (most.profile().parks() >= most.profile().monitorWaits()
                    ? "parked " + most.profile().parks() + " times for " + millis(most.profile().parked()) + " in all"
                    : "blocked entering its monitor " + most.profile().monitorWaits() + " times for " + millis(most.profile().monitorWaited()) + " in all")
                    + ": each wait is a thread taken off its core and woken again later (a lock's waiter — or, in a lane, "
                    + "a writer with no demand left or a lane with nothing to fold: flow control, not a lock).");
        }
        if (!none.isEmpty()) {
            lines.add("Never waited: " + String.join(", ", none) + " — nothing parked, nothing blocked on a monitor.");
        }
        return String.join("\n", lines);
    }

    /** The false-sharing reading: how much the padding bought, and whether the counts were right. */
    static String falseSharing(TwoWriters.Outcome adjacent, TwoWriters.Outcome padded, int cores) {
        List<String> lines = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Map<String, TwoWriters.Outcome> layouts = new LinkedHashMap<>();
        layouts.put("adjacent", adjacent);
        layouts.put("padded", padded);
        for (var entry : layouts.entrySet()) {
            TwoWriters.Outcome o = entry.getValue();
            if (o.first() != o.addedFirst() || o.second() != o.addedSecond()) {
                wrong.add(entry.getKey());
            }
        }
        lines.add(wrong.isEmpty()
                ? "This run: each count held exactly what its one writer added (volatile is enough with a single writer)."
                : "CONTRACT BROKEN this run: a count differs from what its writer added in " + String.join(", ", wrong) + ".");
        double ratio = padded.perMicrosecond() / Math.max(1e-9, adjacent.perMicrosecond());
        lines.add("Padded %s, adjacent %s: padded %.1fx.".formatted(rate(padded.perMicrosecond()), rate(adjacent.perMicrosecond()), ratio));
        if (cores < 2) {
            lines.add("On 1 core the two writers take turns and never hold the line at the same time: false sharing needs two cores.");
        } else if (ratio >= SCALED) {
            lines.add("Same code, same work, no shared data: only the distance between the two fields changed. Side by side they share a cache line, "
                    + "and each write takes the line away from the other core.");
        } else {
            lines.add("The padding bought less than " + "%.1fx".formatted(SCALED) + " this run: were both writers really on two cores "
                    + "(other processes, a VM's shared cores)? Rerun on a quiet machine.");
        }
        return String.join("\n", lines);
    }

    /** The hand-off reading: each against ArrayBlockingQueue, and who parked. */
    static String handoff(List<HandoffRow> rows) {
        List<String> lines = new ArrayList<>();
        HandoffRow baseline = rows.stream().filter(r -> r.impl().equals("array-blocking-queue")).findFirst().orElse(rows.getFirst());
        List<String> against = rows.stream().filter(r -> r != baseline)
                .map(r -> "%s %.1fx".formatted(r.impl(), r.transfer().perSecond() / Math.max(1e-9, baseline.transfer().perSecond()))).toList();
        if (!against.isEmpty()) {
            lines.add("Against " + baseline.impl() + " (" + "%.1f".formatted(baseline.transfer().perSecond() / 1e6) + " M items/s): "
                    + String.join(", ", against) + ".");
        }
        lines.add("Parks (a second run, under JFR): " + String.join(", ", rows.stream()
                .map(r -> r.impl() + " " + r.profile().parks()).toList()) + ".");
        if (baseline.profile().parks() > 0) {
            lines.add(baseline.impl() + ": every put and take takes one lock, and a side that finds the queue full or empty parks until "
                    + "the other signals — " + baseline.profile().parks() + " parks for " + baseline.transfer().received() + " items.");
        }
        return String.join("\n", lines);
    }

    /** Throughput against threads, and throughput relative to each one's own first thread count. */
    static List<SvgChart.Panel> panels(List<Row> rows) {
        int first = threadCounts(rows).getFirst();
        List<SvgChart.Line> relative = new ArrayList<>();
        byImpl(rows).forEach((impl, cells) -> {
            double base = at(cells, first).perMicrosecond();
            relative.add(new SvgChart.Line(impl, cells.stream().map(r -> new SvgChart.Point(r.threads(), r.perMicrosecond() / base)).toList()));
        });
        return List.of(
                new SvgChart.Panel("throughput: increments per µs", SvgChart.Axis.log2("threads"), SvgChart.Axis.log10("ops/µs"), lines(rows, Row::perMicrosecond)),
                new SvgChart.Panel("throughput relative to " + first + " thread" + (first == 1 ? "" : "s"), SvgChart.Axis.log2("threads"),
                        SvgChart.Axis.log2("x its own " + first + "-thread figure"), relative));
    }

    private static List<SvgChart.Line> lines(List<Row> rows, ToDoubleFunction<Row> y) {
        List<SvgChart.Line> lines = new ArrayList<>();
        byImpl(rows).forEach((impl, cells) -> lines.add(new SvgChart.Line(impl,
                cells.stream().map(r -> new SvgChart.Point(r.threads(), y.applyAsDouble(r))).toList())));
        return lines;
    }

    static List<Integer> threadCounts(List<Row> rows) {
        return List.copyOf(new TreeSet<>(rows.stream().map(Row::threads).toList()));
    }

    private static Map<String, List<Row>> byImpl(List<Row> rows) {
        Map<String, List<Row>> byImpl = new LinkedHashMap<>();
        rows.forEach(r -> byImpl.computeIfAbsent(r.impl(), k -> new ArrayList<>()).add(r));
        return byImpl;
    }

    private static Row at(List<Row> impl, int threads) {
        return impl.stream().filter(r -> r.threads() == threads).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(impl.getFirst().impl() + " has no row at " + threads + " threads"));
    }

    static String rate(double perMicrosecond) {
        return perMicrosecond >= 10 ? "%.0f ops/µs".formatted(perMicrosecond) : "%.2f ops/µs".formatted(perMicrosecond);
    }

    private static String percent(double change) {
        return "%+.0f%%".formatted(100 * change);
    }

    private static String millis(java.time.Duration d) {
        return "%.1f ms".formatted(d.toNanos() / 1e6);
    }
}
