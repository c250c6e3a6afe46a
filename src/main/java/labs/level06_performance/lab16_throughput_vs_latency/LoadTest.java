package labs.level06_performance.lab16_throughput_vs_latency;

import java.time.Duration;
import java.util.Objects;
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
     * been answered. The result is built on {@code load} (reading the histograms may yield, which a
     * non-blocking thread must not).
     */
    public static Mono<LoadResult> measure(LoadGenerator generator, Service service, Scheduler load, Duration sampleEvery) {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(load, "load");
        if (sampleEvery == null || sampleEvery.toNanos() < 2) {
            throw new IllegalArgumentException("sampleEvery must be at least 2 ns (got " + sampleEvery + ")");
        }
        return Mono.defer(() -> {
            Latencies latencies = new Latencies();
            Mono<Void> run = generator.replies(service, latencies).then();
            return Flux.interval(sampleEvery.dividedBy(2), sampleEvery, load)
                    .doOnNext(tick -> latencies.sample())
                    .takeUntilOther(run) // the run's end (or failure) ends the sampling
                    .publishOn(load)
                    .then(Mono.fromSupplier(() -> latencies.result(generator.name(), generator.offeredPerSecond(), sampleEvery.toNanos())));
        });
    }
}
