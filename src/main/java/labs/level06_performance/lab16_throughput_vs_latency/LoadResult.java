package labs.level06_performance.lab16_throughput_vs_latency;

import org.HdrHistogram.Histogram;

/**
 * What one load test measured: counts, the window from the first intended send to the last answer,
 * both latency histograms, and what Little's law needs.
 *
 * <p><b>Little's law</b>, L = λW, over the window: L is the measured concurrency (the in-flight
 * gauge, read every period and weighted by the time each reading covers), λ the answers per second, W the mean time from send to answer.
 * It holds for any system that starts and ends empty, whatever is inside — so when the three
 * measurements disagree, one of them is wrong (or the window cuts requests off).
 *
 * @param load              the generator ("open loop", "closed loop, 4 clients")
 * @param offeredPerSecond  the rate the schedule offered
 * @param sent              requests handed to the service
 * @param answered          answers received (failures included)
 * @param failed            answers that carried a failure
 * @param clamped           latencies beyond {@link Latencies#HIGHEST_NANOS}, recorded as that
 * @param firstIntendedNanos the first request's intended send
 * @param lastEndedNanos    the last answer
 * @param responseSumNanos  the sum of send-to-answer times
 * @param inFlightArea      the in-flight gauge's readings, each times the time since the previous one (request-ns)
 * @param sampledNanos      the time the readings cover
 * @param sampleEveryNanos  the gauge's period
 * @param maxSentLateNanos  the latest any request was sent after its intended time
 * @param fromIntended      latency from the intended send: coordinated omission corrected
 * @param fromSent          latency from the real send: what a naive load test reports
 */
public record LoadResult(String load, double offeredPerSecond, long sent, long answered, long failed, long clamped,
        long firstIntendedNanos, long lastEndedNanos, long responseSumNanos, long inFlightArea, long sampledNanos, long sampleEveryNanos,
        long maxSentLateNanos, Histogram fromIntended, Histogram fromSent) {

    /** From the first intended send to the last answer. */
    public long windowNanos() {
        return answered == 0 ? 0 : lastEndedNanos - firstIntendedNanos;
    }

    /** λ: answers per second over the window. */
    public double achievedPerSecond() {
        return windowNanos() <= 0 ? 0 : answered * 1e9 / windowNanos();
    }

    /** W: the mean time from send to answer, in nanoseconds. */
    public double meanResponseNanos() {
        return answered == 0 ? 0 : (double) responseSumNanos / answered;
    }

    /** L, measured: the mean of the in-flight gauge's readings ({@code NaN} when the run was shorter than one period). */
    public double sampledInFlight() {
        return sampledNanos == 0 ? Double.NaN : (double) inFlightArea / sampledNanos;
    }

    /** λW: what Little's law says the concurrency must have been. */
    public double littleLambdaW() {
        return achievedPerSecond() * meanResponseNanos() / 1e9;
    }

    /** L / λW: 1 when the law and the gauge agree. */
    public double littleRatio() {
        return sampledInFlight() / littleLambdaW();
    }

    /** The latency at {@code percentile} of {@code histogram}, in milliseconds. */
    public static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /** The corrected latency (from the intended send) at {@code percentile}, in ms. */
    public double millis(double percentile) {
        return millis(fromIntended, percentile);
    }

    /** The naive latency (from the real send) at {@code percentile}, in ms. */
    public double naiveMillis(double percentile) {
        return millis(fromSent, percentile);
    }

    /**
     * The naive histogram corrected after the fact, as HdrHistogram offers it: each value longer
     * than {@code expectedIntervalNanos} (the schedule's gap between one sender's requests) is
     * followed by the values the sends it held up would have seen.
     */
    public Histogram naiveCorrectedAfterTheFact(long expectedIntervalNanos) {
        return fromSent.copyCorrectedForCoordinatedOmission(expectedIntervalNanos);
    }
}
