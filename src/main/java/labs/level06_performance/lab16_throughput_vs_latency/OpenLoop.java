package labs.level06_performance.lab16_throughput_vs_latency;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The open loop: requests at a fixed offered rate, on schedule, whatever the responses do. Request
 * {@code i} is sent at {@code t0 + i / rate} and carries that time as its intended start, so its
 * latency counts from when it was meant to go — even if the sender itself was late. A stalled
 * service does not slow the schedule down: the requests keep coming and queue, exactly as users
 * of a real service keep arriving. That is what makes its latencies honest.
 *
 * <p><b>Scheduler:</b> {@code load}, given to the constructor: the schedule ticks there
 * ({@code Flux.interval}) and every {@code submit} happens there, one at a time. Live, it is a
 * single platform thread of the experiment's own ({@code submit} may take a lock for a moment);
 * in tests, the virtual-time scheduler. Answers are emitted on the service's threads.
 *
 * <p><b>Backpressure:</b> none towards the schedule, on purpose — {@code flatMap} with unbounded
 * concurrency subscribes to every answer at once, so no answer holds the next send back. What is in
 * flight is bounded only by the rate times the latency (Little's law).
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

    /**
     * The schedule: request {@code i} emitted on {@code load} at {@code t0 + i / rate}, carrying
     * that time as its intended start — computed from {@code i}, never read from the clock when the
     * tick happens to run. {@code t0} is the clock at subscription.
     */
    public Flux<Request> schedule() {
        return Flux.defer(() -> {
            long t0 = clock.getAsLong();
            return Flux.interval(Duration.ZERO, Duration.ofNanos(LoadGenerator.offsetNanos(1, ratePerSecond)), load)
                    .take(requests)
                    .map(i -> new Request(i, t0 + LoadGenerator.offsetNanos(i, ratePerSecond)));
        });
    }

    /** Every request of the schedule sent when due, never waiting for an earlier answer. */
    @Override
    public Flux<Served> replies(Service service, Latencies latencies) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(latencies, "latencies");
        return schedule().flatMap(request -> {
            latencies.sent(request);
            return Mono.fromFuture(service.submit(request)).doOnNext(latencies::answered);
        }, Integer.MAX_VALUE);
    }
}
