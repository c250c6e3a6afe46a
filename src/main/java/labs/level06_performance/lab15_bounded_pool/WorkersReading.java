package labs.level06_performance.lab15_bounded_pool;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** What a workers table showed, in words computed from its rows — never a claim the rows could contradict. */
final class WorkersReading {

    private WorkersReading() {
    }

    private static String each(List<WorkersMeasurement.Row> rows, Predicate<WorkersMeasurement.Row> which, Function<WorkersMeasurement.Row, String> what) {
        return rows.stream().filter(which).map(r -> r.impl() + " " + what.apply(r)).collect(Collectors.joining(", "));
    }

    private static boolean refuses(WorkersMeasurement.Row r) {
        return r.overload().equals("refuses");
    }

    private static boolean holdsBack(WorkersMeasurement.Row r) {
        return r.overload().equals("holds back");
    }

    /**
     * Rows with more jobs inside than their room allows: a broken contract. Inside counts jobs handed
     * over and not yet started, so besides the room it may hold one job on its way to each worker's
     * thread and one in the producer's hand. (The unbounded variant declares no room.)
     */
    private static List<WorkersMeasurement.Row> overRoom(List<WorkersMeasurement.Row> rows, int workers) {
        return rows.stream().filter(r -> r.room().matches("\\d+") && r.maxInside() > Integer.parseInt(r.room()) + workers + 1).toList();
    }

    static String of(List<WorkersMeasurement.Row> rows, String scenario, int workers, int jobs) {
        StringBuilder out = new StringBuilder("This run: ");
        switch (scenario) {
            case BoundedPoolExperiment.QUEUE_BUILDUP -> {
                rows.stream().filter(r -> r.room().equals("unbounded")).findFirst().ifPresent(r -> out
                        .append(r.impl()).append(" accepted every job and let its queue grow to ").append(r.maxInside())
                        .append(" jobs inside, so its p99 latency reached ").append("%.0f".formatted(r.p99Millis()))
                        .append(" ms — and both grow with the run, for as long as the arrivals outpace ").append(workers).append(" workers.\n"));
                appendBounded(out, rows);
            }
            case BoundedPoolExperiment.REJECTION_STORM -> {
                out.append("a burst of ").append(jobs).append(" jobs at once. ");
                String refused = each(rows, WorkersReading::refuses, r -> "refused " + r.refused() + " (" + Math.round(100.0 * r.refused() / r.jobs()) + " %)");
                if (!refused.isEmpty()) {
                    out.append("The refusing pools: ").append(refused).append(" — reported, at once, and never run.\n");
                }
                String lost = each(rows, r -> r.overload().equals("discards"), r -> "lost " + r.lost());
                if (!lost.isEmpty()) {
                    out.append("The discard policies: ").append(lost).append(" jobs without a word: neither run nor refused, and nothing said so.\n");
                }
                String held = each(rows, WorkersReading::holdsBack, r -> "%.0f ms".formatted(r.wallMillis()));
                if (!held.isEmpty()) {
                    out.append("The pools that hold the producer back refused ")
                            .append(rows.stream().filter(WorkersReading::holdsBack).mapToInt(WorkersMeasurement.Row::refused).sum())
                            .append(" and ran the whole burst, taking ").append(held).append(": the storm became a wait.");
                }
            }
            default -> {
                out.append("arrivals below what the workers serve. Refused: ")
                        .append(rows.stream().anyMatch(WorkersReading::refuses) ? each(rows, WorkersReading::refuses, r -> String.valueOf(r.refused())) : "none")
                        .append("; most jobs waiting inside: ").append(each(rows, r -> true, r -> String.valueOf(r.maxInside()))).append(".\n");
                out.append("Below capacity a bounded pool barely queues and refuses little: the bounds are for the bursts (--inject ")
                        .append(BoundedPoolExperiment.REJECTION_STORM).append(", ").append(BoundedPoolExperiment.QUEUE_BUILDUP).append(").");
            }
        }
        List<WorkersMeasurement.Row> over = overRoom(rows, workers);
        if (!over.isEmpty()) {
            out.append("\nCONTRACT BROKEN: more jobs inside than the declared room in ")
                    .append(over.stream().map(WorkersMeasurement.Row::impl).collect(Collectors.joining(", "))).append('.');
        }
        return out.toString();
    }

    private static void appendBounded(StringBuilder out, List<WorkersMeasurement.Row> rows) {
        String refusing = each(rows, WorkersReading::refuses, r -> "refused " + r.refused() + " and kept at most " + r.maxInside() + " inside");
        if (!refusing.isEmpty()) {
            out.append("The refusing pools: ").append(refusing).append(".\n");
        }
        String holding = each(rows, WorkersReading::holdsBack, r -> "at most " + r.maxInside() + " inside and " + r.maxHeldBack() + " held back");
        if (!holding.isEmpty()) {
            out.append("The pools that hold the producer back refused none: ").append(holding)
                    .append(" — the wait moved to the producer, where it can be seen and slowed.");
        }
    }
}
