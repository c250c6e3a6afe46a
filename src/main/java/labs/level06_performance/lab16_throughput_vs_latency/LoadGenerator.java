package labs.level06_performance.lab16_throughput_vs_latency;

import reactor.core.publisher.Flux;

/**
 * Sends a schedule of requests to a service and hands back the answers. The lab has two:
 * {@link OpenLoop} (the right way to measure latency under load) and {@link ClosedLoop} (the common
 * way, which hides what it should show). Both send the same schedule — request {@code i} meant for
 * {@code t0 + i / rate} — so their figures differ only by how they send.
 */
public interface LoadGenerator {

    /** For tables: "open loop", "closed loop, 4 clients". */
    String name();

    /** The rate the schedule offers, in requests per second. */
    double offeredPerSecond();

    /** How many requests the schedule holds. */
    long requests();

    /**
     * Sends the schedule's requests to {@code service}, telling {@code latencies} of each send (just
     * before it) and each answer, and emits the answers; completes once every request has been
     * answered. Subscribing starts the schedule: {@code t0} is the clock at subscription.
     */
    Flux<Served> replies(Service service, Latencies latencies);

    /** The offset of request {@code id} from {@code t0}: {@code id} seconds / {@code ratePerSecond}, in nanoseconds. */
    static long offsetNanos(long id, long ratePerSecond) {
        return Math.multiplyExact(id, 1_000_000_000L) / ratePerSecond;
    }

    /** How many requests {@code duration} holds at {@code ratePerSecond}: at least one. */
    static long requestsIn(java.time.Duration duration, long ratePerSecond) {
        return Math.max(1, Math.multiplyExact(duration.toNanos(), ratePerSecond) / 1_000_000_000L);
    }

    static long checkRate(long ratePerSecond) {
        if (ratePerSecond < 1) {
            throw new labs.support.BadInputException("rate must be >= 1 request per second (got " + ratePerSecond + ")");
        }
        return ratePerSecond;
    }

    static java.time.Duration checkDuration(java.time.Duration duration) {
        if (duration == null || !duration.isPositive()) {
            throw new labs.support.BadInputException("duration must be > 0 (got " + duration + ")");
        }
        return duration;
    }
}
