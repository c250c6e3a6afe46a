package labs.level06_performance.lab16_throughput_vs_latency;

import java.util.Objects;

/**
 * A request once a service has answered it: when it arrived, when a worker started it, when it
 * ended, how many requests its batch held, and — when the work failed — what the work threw. Every
 * time is on the service's clock (the run's clock: {@code System.nanoTime()} live, the virtual clock
 * in tests).
 *
 * @param request      the request
 * @param arrivedNanos when the service took it ({@code submit}): when it was really sent
 * @param startedNanos when a worker started its batch
 * @param endedNanos   when its batch's work ended
 * @param batchSize    how many requests its batch held (1 without batching)
 * @param failure      what the work threw, or {@code null} when it was served
 */
public record Served(Request request, long arrivedNanos, long startedNanos, long endedNanos, int batchSize, Throwable failure) {

    public Served {
        Objects.requireNonNull(request, "request");
    }

    /** A request answered without a failure. */
    public static Served of(Request request, long arrivedNanos, long startedNanos, long endedNanos, int batchSize) {
        return new Served(request, arrivedNanos, startedNanos, endedNanos, batchSize, null);
    }

    public long id() {
        return request.id();
    }

    /** Whether the work failed (the request was answered with {@link #failure()}). */
    public boolean failed() {
        return failure != null;
    }

    /**
     * Latency as the request's user lived it: from when the schedule meant it to be sent to when it
     * was answered. Coordinated omission corrected: a late send counts against the latency.
     */
    public long latencyNanos() {
        return endedNanos - request.intendedNanos();
    }

    /** From the moment it was really sent to its answer: what a loop that reads the clock at the send measures. */
    public long responseNanos() {
        return endedNanos - arrivedNanos;
    }

    /** How long it waited for a worker (and, with batching, for its batch to close). */
    public long waitedNanos() {
        return startedNanos - arrivedNanos;
    }

    /** How long its batch's work took. */
    public long serviceNanos() {
        return endedNanos - startedNanos;
    }

    /** How late it was sent: 0 for a sender on schedule. */
    public long sentLateNanos() {
        return arrivedNanos - request.intendedNanos();
    }
}
