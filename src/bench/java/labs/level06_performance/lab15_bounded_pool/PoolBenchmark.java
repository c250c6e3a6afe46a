package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.CpuWork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * What does a pool cost, and what does it save? One operation = get a connection, run one query on
 * it, give it back. {@code makeAConnectionEachTime} is the baseline a pool exists to beat: make a
 * connection ({@code makeRounds} of CPU work: its cost), use it, close it. The pools (size 4, made
 * once per trial, so their connections are reused) pay for the hand-over instead:
 * {@code semaphorePool} (a fair {@code Semaphore} and an {@code ArrayBlockingQueue}),
 * {@code reactorPoolBlocking} (reactor-pool through {@code block()}), {@code reactorPoolWithConnection}
 * (the reactive core, {@code usingWhen}, subscribed and blocked on once).
 *
 * <p>With one thread nobody waits: the figure is the hand-over alone. With more threads than
 * connections ({@code -t 8}) the pools make threads wait for each other, and the fair semaphore's
 * parking shows.
 *
 * <p>How to run (the defaults — 2 forks, 3 warm-up and 5 measured iterations of 1 s, for each of
 * the 8 benchmark-and-parameter pairs — take about 2.5 minutes; on the quiet 2-core machine most
 * errors came out over 10 %, at one thread from single stalled seconds (lab15 NOTES §4, with the
 * medians); a smoke run, not a result, is {@code -f 1 -wi 1 -i 1 -w 1s -r 1s}):
 * <pre>
 * ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="PoolBenchmark"
 * ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="PoolBenchmark -t 8"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-XX:+UseParallelGC")
public class PoolBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How much CPU work making one connection costs (0: free, which no real connection is). */
    @Param({"0", "100000"})
    public int makeRounds;

    private final AtomicInteger ids = new AtomicInteger();
    private CpuWork make;
    private SemaphorePool semaphore;
    private ReactorPool reactor;

    @Setup(Level.Trial)
    public void open() {
        make = makeRounds == 0 ? null : CpuWork.ofRounds(makeRounds);
        semaphore = SemaphorePool.open(4, 64, this::connection);
        reactor = ReactorPool.open(4, 64, this::connection);
    }

    @TearDown(Level.Trial)
    public void close() {
        semaphore.close();
        reactor.close();
    }

    private Connection connection() {
        if (make != null) {
            make.run();
        }
        return new Connection(ids.incrementAndGet());
    }

    @Benchmark
    public String makeAConnectionEachTime() {
        try (Connection connection = connection()) {
            return connection.query("select 1");
        }
    }

    @Benchmark
    public String semaphorePool() throws InterruptedException {
        try (Lease lease = semaphore.acquire(TIMEOUT)) {
            return lease.connection().query("select 1");
        }
    }

    @Benchmark
    public String reactorPoolBlocking() throws InterruptedException {
        try (Lease lease = reactor.acquire(TIMEOUT)) {
            return lease.connection().query("select 1");
        }
    }

    @Benchmark
    public String reactorPoolWithConnection() {
        return reactor.withConnection("bench", TIMEOUT, connection -> Mono.just(connection.query("select 1"))).block();
    }
}
