package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import labs.support.SvgChart;

/**
 * One workers variant under the live experiment's load ({@link PacedJobs}), and what its jobs'
 * timestamps say afterwards: how many ran, were refused or were lost; how many waited inside the
 * pool (handed over, not started) and how many were held back at the producer (due, not handed
 * over) at the worst moment and over time; each job's latency from its due time to its end.
 */
final class WorkersMeasurement {

    /** What {@code labs run lab15} prints for one variant. */
    record Row(String impl, String overload, String room, int jobs, double wallMillis, int ran, int refused, int lost,
               int maxInside, int maxHeldBack, double producerLateMillis, double p50Millis, double p99Millis,
               List<SvgChart.Point> inside, List<SvgChart.Point> heldBack) {

        double perSecond() {
            return ran * 1000.0 / wallMillis;
        }
    }

    private static final int SAMPLES = 60;

    private WorkersMeasurement() {
    }

    /**
     * Runs {@code runAll} over {@code count} jobs arriving {@code perSecond} (infinite: all at once),
     * each working {@code service}, and reads the run off the jobs' timestamps.
     */
    static Row take(String impl, String overload, String room, Function<List<Job>, Report> runAll, int count, double perSecond, Duration service) {
        PacedJobs jobs = new PacedJobs(count, perSecond, service);
        long start = System.nanoTime();
        Report report = runAll.apply(jobs);
        double wallMillis = (System.nanoTime() - start) / 1e6;

        Set<Integer> refused = new HashSet<>(report.refused());
        StepCount inside = new StepCount();
        StepCount heldBack = new StepCount();
        List<Double> latencies = new ArrayList<>();
        long end = 0;
        long lastTaken = 0;
        for (int id = 0; id < count; id++) {
            long taken = jobs.takenNanos(id);
            lastTaken = Math.max(lastTaken, taken);
            long started = jobs.startedNanos(id);
            heldBack.span(jobs.dueNanos(id), taken);
            // A refused (or lost) job leaves the pool when it is handed over: it never waits for a worker.
            inside.span(taken, refused.contains(id) || started < 0 ? taken : started);
            if (jobs.endedNanos(id) >= 0) {
                latencies.add((jobs.endedNanos(id) - jobs.dueNanos(id)) / 1e6);
                end = Math.max(end, jobs.endedNanos(id));
            }
        }
        int ran = report.ran().size();
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Row(impl, overload, room, count, wallMillis, ran, refused.size(), count - ran - refused.size(),
                inside.max(), heldBack.max(), (lastTaken - jobs.dueNanos(count - 1)) / 1e6, percentile(sorted, 50), percentile(sorted, 99),
                inside.samples(end, SAMPLES), heldBack.samples(end, SAMPLES));
    }

    static double percentile(double[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
