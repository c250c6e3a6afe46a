package labs.level06_performance.lab16_throughput_vs_latency;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * YOUR open-loop load generator — lab16's first starting point. Replace every {@code TODO(lab16)};
 * the lab's tests ({@code LoadInVirtualTimeTest}: the schedule, the stall, Little's law …) then
 * check your code.
 *
 * <p>The contract: request {@code i} is sent at {@code t0 + i / rate} ({@code t0}: the clock at
 * subscription) and carries that time as its intended start, computed from {@code i} — never read
 * from the clock when the tick happens to run. A stalled service must not slow the schedule down:
 * no send ever waits for an earlier answer. {@link LoadGenerator#offsetNanos} gives the offsets.
 * The reference solution is in {@code src/main/java}, one file away — try first.
 *
 * <p><b>Scheduler:</b> TODO(lab16): where the schedule ticks and the requests are sent.
 *
 * <p><b>Backpressure:</b> TODO(lab16): what, if anything, bounds the requests in flight.
 */
public final class OpenLoop implements LoadGenerator {

    private final long ratePerSecond;
    private final long requests;
    private final Scheduler load;
    private final LongSupplier clock;

    /**
     * @param ratePerSecond the offered rate, &gt;= 1
     * @param duration      how long the schedule lasts: {@code rate × duration} requests (at least one)
     * @param load          where the schedule ticks and the requests are sent
     * @param clock         the run's clock in nanoseconds (the service's)
     */
    public OpenLoop(long ratePerSecond, Duration duration, Scheduler load, LongSupplier clock) {
        this.ratePerSecond = LoadGenerator.checkRate(ratePerSecond);
        this.requests = LoadGenerator.requestsIn(LoadGenerator.checkDuration(duration), ratePerSecond);
        this.load = Objects.requireNonNull(load, "load");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "open loop";
    }

    @Override
    public double offeredPerSecond() {
        return ratePerSecond;
    }

    @Override
    public long requests() {
        return requests;
    }

    /** The schedule: {@link #requests()} requests, request {@code i} emitted on {@code load} at {@code t0 + i / rate}. */
    public Flux<Request> schedule() {
        throw new UnsupportedOperationException("TODO(lab16): emit the schedule on the load scheduler, each request carrying its intended time");
    }

    /** Every request of the schedule sent when due ({@code latencies.sent} just before), each answer recorded ({@code latencies.answered}). */
    @Override
    public Flux<Served> replies(Service service, Latencies latencies) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(latencies, "latencies");
        throw new UnsupportedOperationException("TODO(lab16): send each scheduled request without waiting for earlier answers, and emit the answers");
    }
}
