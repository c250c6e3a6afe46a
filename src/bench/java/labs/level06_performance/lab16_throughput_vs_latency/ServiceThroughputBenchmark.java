package labs.level06_performance.lab16_throughput_vs_latency;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The saturated end of lab16's curve: how many requests per second each implementation answers
 * when it always has work waiting, one at a time and in batches. One operation is one request; an
 * invocation submits {@link #BURST} requests at once and waits for every answer, so the workers are
 * never idle and the figure is the service's capacity plus its machinery — the executor's queue and
 * a thread that sleeps out each batch, Reactor's sink, {@code bufferTimeout} and a {@code Mono.delay}
 * timer, RxJava's processor, timed {@code buffer} and {@code Completable.timer}.
 *
 * <p>Each batch costs {@code batchMicros} whatever its size plus 1 µs a request (the spec's
 * {@code FIXED} spread): batching pays the fixed cost once for up to {@code batch} requests, which
 * is the throughput the lab's batching trade buys. Compare the CLI's latency at the same rates.
 *
 * <p>How to run (the defaults — 2 forks, 5 warm-up and 5 measured iterations of 1 s, six parameter
 * sets — take about 3 minutes and give errors within 10 % on a quiet machine; a smoke run, not a
 * result, is {@code -f 1 -wi 1 -i 1 -w 1s -r 1s}):
 * <pre>
 * ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="ServiceThroughputBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-XX:+UseParallelGC")
public class ServiceThroughputBenchmark {

    /** Requests submitted at once per invocation: enough to keep every worker busy with full batches. */
    static final int BURST = 256;

    @Param({"executor", "reactor", "rxjava"})
    public String impl;

    @Param({"1", "16"})
    public int batch;

    @Param({"200"})
    public int batchMicros;

    @Param({"4"})
    public int workers;

    private Service service;
    private long nextId;

    @Setup(Level.Trial)
    public void start() {
        ServiceSpec spec = ServiceSpec.fixed(workers, Duration.ofNanos(batchMicros * 1000L)).withCost(Duration.ofNanos(batchMicros * 1000L), Duration.ofNanos(1000))
                .withBatching(batch, Duration.ofMillis(1));
        service = Service.IMPLEMENTATIONS.create(impl).start(spec);
    }

    @TearDown(Level.Trial)
    public void close() {
        service.close();
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public long answerABurst() {
        CompletableFuture<?>[] replies = new CompletableFuture<?>[BURST];
        for (int i = 0; i < BURST; i++) {
            replies[i] = service.submit(new Request(nextId++, System.nanoTime()));
        }
        CompletableFuture.allOf(replies).join();
        return nextId;
    }
}
