package labs.level06_performance.lab16_throughput_vs_latency;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One load test: a generator's schedule sent to a service, every answer recorded, and the in-flight
 * gauge read every {@code sampleEvery} — half a period in, so that in virtual time a reading never
 * falls on the same instant as a send or an answer.
 */
public final class LoadTest {

    private LoadTest() {
    }

    /**
     * Runs {@code generator} against {@code service}; emits what it measured once every request has
     * been answered. The gauge is read on {@code gauge}, and the result built there (reading the
     * histograms may yield, which a non-blocking thread must not). Live, give it a thread of its own,
     * not the generator's: a sender running late would read the gauge late, in a burst, at the worst
     * moments. In virtual time it is the same scheduler.
     *
     * @param clock the run's clock in nanoseconds ({@code System::nanoTime} live, the virtual clock in
     *              tests): each reading counts for the time since the previous one
     */
    public static Mono<LoadResult> measure(LoadGenerator generator, Service service, Scheduler gauge, LongSupplier clock, Duration sampleEvery) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(gauge, "gauge");
        if (sampleEvery == null || sampleEvery.toNanos() < 2) {
            throw new IllegalArgumentException("sampleEvery must be at least 2 ns (got " + sampleEvery + ")");
        }
        return Mono.defer(() -> {
            Latencies latencies = new Latencies();
            Mono<Void> run = generator.replies(service, latencies).then();
            // Each reading waits a period after the last one (fixed delay), not for a fixed-rate
            // tick: a gauge thread held up live would otherwise catch up with a burst of readings,
            // all at the moment it came back — when, on a loaded machine, most requests are in flight.
            return Mono.delay(sampleEvery.dividedBy(2), gauge).concatWith(Mono.delay(sampleEvery, gauge).repeat())
                    .doOnNext(tick -> latencies.sample(clock.getAsLong(), sampleEvery.toNanos()))
                    .takeUntilOther(run) // the run's end (or failure) ends the sampling
                    .publishOn(gauge)
                    .then(Mono.fromSupplier(() -> latencies.result(generator.name(), generator.offeredPerSecond(), sampleEvery.toNanos())));
        });
    }
}
