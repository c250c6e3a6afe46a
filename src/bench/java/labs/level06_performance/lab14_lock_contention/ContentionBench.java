package labs.level06_performance.lab14_lock_contention;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput against thread count: every JMH thread ({@code -t T}) calls {@code increment()} on one
 * shared counter of the lab — the monitor, the {@code ReentrantLock} unfair and fair, the
 * {@code StampedLock}, the {@code AtomicLong}, the {@code LongAdder}, the striped monitors. Run it
 * once per thread count, 1, 2, 4 … to past the cores: the curve is the lab's result, and a curve
 * that falls as threads grow (the fair lock, the monitor past the cores) is its failure, scalability
 * collapse. The lanes are not here (they have no {@code increment()} to call from any thread):
 * {@link LaneBench} runs them whole, beside two of these for reference.
 *
 * <p>Defaults: 1 fork, 3 warm-up and 5 measured iterations of 1 s — on the quiet 2-core machine the
 * uncontended rows (one thread) stayed within 10 %; with 2–8 threads most rows did not, the
 * lock-free ones included (who runs when is up to the OS scheduler, and on two cores it decides
 * everything). A second fork ({@code -f 2}) is the cheapest way to see how much a figure moves.
 * NOTES.md says which rows did not get there.
 *
 * <p>Run (one thread count per run; about 1 min each):
 * {@code ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="ContentionBench -t 4"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ContentionBench {

    @Param({"synchronized", "reentrant-unfair", "reentrant-fair", "stamped", "atomic", "adder", "striped"})
    public String variant;

    private SharedCounter counter;

    @Setup
    public void create() {
        if (!(ContendedCount.IMPLEMENTATIONS.create(variant).get() instanceof ThreadWriters writers)) {
            throw new IllegalArgumentException(variant + " shares no counter to call from JMH's threads: run it in LaneBench");
        }
        counter = writers.newCounter();
    }

    @Benchmark
    public void increment() {
        counter.increment();
    }
}
