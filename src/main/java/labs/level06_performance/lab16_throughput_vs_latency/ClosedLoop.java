package labs.level06_performance.lab16_throughput_vs_latency;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import labs.support.BadInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The closed loop — what most load tests are: {@code clients} clients share the open loop's
 * schedule (client {@code c} sends requests {@code c, c + clients, c + 2 × clients …}), but each
 * sends its next request only once its previous one has been answered: no earlier than the
 * request's slot, and later when the answer came later. When the service stalls, the clients stall
 * with it — the requests their users would have sent meanwhile are sent late, in a burst, each one
 * then answered quickly. Read from the real send ({@link Served#responseNanos()}), their latencies
 * look fine: that is <em>coordinated omission</em>, the load generator coordinating with the system
 * it measures. Read from the slot ({@link Served#latencyNanos()}), the same run tells the truth.
 *
 * <p>With {@code clients} no larger than the workers, a closed loop can never queue at the service,
 * whatever the rate: past capacity it simply sends less than it was asked to. Its latency curve
 * stays flat where the open loop's turns up.
 *
 * <p><b>Scheduler:</b> {@code load}: each send waits for its slot with {@code Mono.delay} on it (a
 * delay of zero when the slot has passed), so every {@code submit} happens there, never on the
 * service's thread that delivered the previous answer. Answers are emitted on the service's threads.
 *
 * <p><b>Backpressure:</b> at most {@code clients} requests in flight: {@code concatMap} per client,
 * {@code flatMap(…, clients)} over them.
 */
public final class ClosedLoop implements LoadGenerator {

    private final long ratePerSecond;
    private final long requests;
    private final int clients;
    private final Scheduler load;
    private final LongSupplier clock;

    public ClosedLoop(long ratePerSecond, Duration duration, int clients, Scheduler load, LongSupplier clock) {
        this.ratePerSecond = LoadGenerator.checkRate(ratePerSecond);
        this.requests = LoadGenerator.requestsIn(LoadGenerator.checkDuration(duration), ratePerSecond);
        if (clients < 1) {
            throw new BadInputException("clients must be >= 1 (got " + clients + ")");
        }
        this.clients = clients;
        this.load = Objects.requireNonNull(load, "load");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "closed loop, " + clients + (clients == 1 ? " client" : " clients");
    }

    @Override
    public double offeredPerSecond() {
        return ratePerSecond;
    }

    @Override
    public long requests() {
        return requests;
    }

    public int clients() {
        return clients;
    }

    @Override
    public Flux<Served> replies(Service service, Latencies latencies) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(latencies, "latencies");
        return Flux.defer(() -> {
            long t0 = clock.getAsLong();
            return Flux.range(0, clients).flatMap(client -> Flux.fromStream(() -> LongStream.iterate(client, id -> id < requests, id -> id + clients).boxed())
                    .concatMap(id -> {
                        long slot = t0 + LoadGenerator.offsetNanos(id, ratePerSecond);
                        // Read when the previous answer has come: the wait is what is left of the slot, or nothing.
                        Duration untilSlot = Duration.ofNanos(Math.max(0, slot - clock.getAsLong()));
                        return Mono.delay(untilSlot, load).then(Mono.defer(() -> {
                            Request request = new Request(id, slot);
                            latencies.sent(request);
                            return Mono.fromFuture(service.submit(request));
                        })).doOnNext(latencies::answered);
                    }), clients);
        });
    }
}
