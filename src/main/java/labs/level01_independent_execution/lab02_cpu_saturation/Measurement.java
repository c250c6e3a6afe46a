package labs.level01_independent_execution.lab02_cpu_saturation;

import org.HdrHistogram.Histogram;

/**
 * One cell of the experiment: how many tasks per second went through, how long each task took
 * from its own start to its own end (service time, so queueing is not counted twice), and how many
 * distinct threads ran them.
 */
public record Measurement(int tasks, double wallSeconds, Histogram serviceMicros, int threads) {

    public double throughputPerSecond() {
        return tasks / wallSeconds;
    }

    public double p50Millis() {
        return serviceMicros.getValueAtPercentile(50) / 1000.0;
    }

    public double p99Millis() {
        return serviceMicros.getValueAtPercentile(99) / 1000.0;
    }
}
