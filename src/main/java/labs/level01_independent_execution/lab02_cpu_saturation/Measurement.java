package labs.level01_independent_execution.lab02_cpu_saturation;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One cell of the experiment: how many tasks per second went through, and for each task how long it
 * <em>waited</em> (from being taken until a thread started it: queueing behind the scheduler's
 * threads or the carriers), its <em>service</em> time (from its own start to its own end: longer
 * when its thread has to share a core) and its <em>latency</em> (waited + service), plus how many
 * distinct threads ran the batch.
 *
 * <p>The histograms are built on the caller's thread after the batch, from {@link TaskTimes}: no
 * histogram is ever touched by a thread that runs tasks. Their range is fixed (one hour, three
 * significant digits) so they never resize; a value beyond it is recorded as one hour and counted
 * in {@link #clamped()}, never dropped.
 */
public record Measurement(int tasks, double wallSeconds, Histogram waitedMicros, Histogram serviceMicros,
        Histogram latencyMicros, int threads, long clamped) {

    /** The largest value the histograms keep apart; a longer one is clamped to it (and counted). */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    /** Runs {@code tasks} copies of {@code work} on {@code scheduling} and measures them. A task's failure fails the run. */
    public static Measurement take(Scheduling scheduling, Work work, int tasks) throws InterruptedException {
        return take(scheduling, work, TaskTimes.of(tasks));
    }

    /** The same, recording into {@code times} (whose clock times the batch too). */
    public static Measurement take(Scheduling scheduling, Work work, TaskTimes times) throws InterruptedException {
        long start = times.now();
        scheduling.runAll(times.size(), i -> times.take(i, work));
        return of(times, times.now() - start);
    }

    /** What {@code times} recorded over a batch that took {@code wallNanos}; every task must have ended. */
    static Measurement of(TaskTimes times, long wallNanos) {
        int ended = 0;
        for (int i = 0; i < times.size(); i++) {
            ended += times.hasEnded(i) ? 1 : 0;
        }
        if (ended != times.size()) {
            throw new IllegalStateException("the scheduling returned with " + ended + " of " + times.size() + " tasks ended");
        }
        Histogram waited = new Histogram(HIGHEST_MICROS, 3);
        Histogram service = new Histogram(HIGHEST_MICROS, 3);
        Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        Set<Long> threads = new HashSet<>();
        long clamped = 0;
        for (int i = 0; i < times.size(); i++) {
            clamped += record(waited, times.started(i) - times.taken(i));
            clamped += record(service, times.ended(i) - times.started(i));
            clamped += record(latency, times.ended(i) - times.taken(i));
            threads.add(times.ranOn(i));
        }
        return new Measurement(times.size(), wallNanos / 1e9, waited, service, latency, threads.size(), clamped);
    }

    /** Records {@code nanos} in microseconds; returns 1 if it had to be clamped to the range. */
    private static int record(Histogram histogram, long nanos) {
        long micros = Math.max(0, nanos / 1000);
        if (micros > HIGHEST_MICROS) {
            histogram.recordValue(HIGHEST_MICROS);
            return 1;
        }
        histogram.recordValue(micros);
        return 0;
    }

    public double throughputPerSecond() {
        return tasks / wallSeconds;
    }

    /** The {@code percentile} of {@code histogram} (one of this measurement's), in milliseconds. */
    public static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
