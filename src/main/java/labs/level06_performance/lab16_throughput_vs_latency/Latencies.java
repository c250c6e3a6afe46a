package labs.level06_performance.lab16_throughput_vs_latency;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * What one load test records while it runs: every answer's latency twice — from its intended start
 * (coordinated omission corrected) and from its real send (what a loop that reads the clock at the
 * send measures) — in HdrHistogram recorders, and how many requests are in flight, sampled.
 *
 * <p><b>Why fixed-range recorders.</b> Answers are recorded on the thread that answered them:
 * {@code parallel()} and {@code computation()} threads among them, where nothing may park. A
 * {@code Recorder(highestTrackableValue, digits)} never resizes: recording is a wait-free
 * increment (its {@code WriterReaderPhaser}'s writer side is two atomic adds). An auto-resizing one
 * takes a lock to grow, and two threads growing it at once park one of them (lab02's flake). A value
 * beyond {@link #HIGHEST_NANOS} would make a fixed-range one throw: it is recorded as the highest
 * value instead, and counted ({@link LoadResult#clamped()}). Reading the histograms
 * ({@link #result}) flips the recorders' phase, which may yield: it is done once, after the run, on
 * the load generator's thread.
 *
 * <p><b>In flight</b> counts requests sent and not yet answered; {@link #sample} reads it and adds it,
 * times the time since the previous reading, to an area (request-nanoseconds): the time average
 * that area gives is the measured concurrency of Little's law. Weighting each reading by its own
 * interval keeps a gauge thread that was held up (and read late, once) from under-counting the
 * busy stretch it missed.
 */
public final class Latencies {

    /** The longest latency the histograms tell apart: 10 minutes. Longer ones are recorded as this, and counted. */
    public static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** Three significant digits: every recorded value within 0.1 %. */
    static final int DIGITS = 3;

    private final Recorder fromIntended = new Recorder(HIGHEST_NANOS, DIGITS);
    private final Recorder fromSent = new Recorder(HIGHEST_NANOS, DIGITS);
    private final AtomicLong inFlight = new AtomicLong();
    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder clamped = new LongAdder();
    private final LongAdder responseSum = new LongAdder();
    private final LongAdder inFlightArea = new LongAdder();
    private final LongAdder sampledNanos = new LongAdder();
    private final AtomicLong lastReading = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong firstIntended = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEnded = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong maxSentLate = new AtomicLong();

    /** Called just before {@code request} is handed to the service. */
    public void sent(Request request) {
        sent.increment();
        inFlight.incrementAndGet();
        firstIntended.accumulateAndGet(request.intendedNanos(), Math::min);
    }

    /** Called with each answer, on whatever thread it came: never parks. */
    public void answered(Served served) {
        record(fromIntended, served.latencyNanos());
        record(fromSent, served.responseNanos());
        responseSum.add(served.responseNanos());
        if (served.failed()) {
            failed.increment();
        }
        lastEnded.accumulateAndGet(served.endedNanos(), Math::max);
        maxSentLate.accumulateAndGet(served.sentLateNanos(), Math::max);
        answered.increment();
        inFlight.decrementAndGet();
    }

    private void record(Recorder recorder, long nanos) {
        long value = Math.max(0, nanos);
        if (value > HIGHEST_NANOS) {
            clamped.increment();
            value = HIGHEST_NANOS;
        }
        recorder.recordValue(value);
    }

    /**
     * Reads the in-flight gauge once, at {@code nowNanos}, and counts the reading for the time since
     * the previous one ({@code periodNanos} for the first: it stands for the first period).
     */
    public void sample(long nowNanos, long periodNanos) {
        long previous = lastReading.getAndSet(nowNanos);
        long weight = previous == Long.MIN_VALUE ? periodNanos : nowNanos - previous;
        inFlightArea.add(inFlight.get() * weight);
        sampledNanos.add(weight);
    }

    /** Requests sent and not yet answered, now. */
    public long inFlight() {
        return inFlight.get();
    }

    /**
     * What the run measured. Call once, after every answer has been recorded, off any non-blocking
     * thread (reading a recorder may yield).
     *
     * @param load             the generator's name, for tables ("open loop")
     * @param offeredPerSecond the rate the schedule offered
     * @param sampleEveryNanos the gauge's period, for the record
     */
    public LoadResult result(String load, double offeredPerSecond, long sampleEveryNanos) {
        return new LoadResult(load, offeredPerSecond, sent.sum(), answered.sum(), failed.sum(), clamped.sum(),
                firstIntended.get(), lastEnded.get(), responseSum.sum(), inFlightArea.sum(), sampledNanos.sum(), sampleEveryNanos,
                maxSentLate.get(), fromIntended.getIntervalHistogram(), fromSent.getIntervalHistogram());
    }
}
