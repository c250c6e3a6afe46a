package labs.level06_performance.lab14_lock_contention;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * False sharing, measured: two JMH threads in one group, each incrementing a {@code volatile long}
 * of its own — side by side in one cache line ({@link AdjacentCounters}) or 128 bytes apart
 * ({@link PaddedCounters}). No data is shared, no lock is taken; the group's score (both threads
 * together) differs only by where the two fields lie. Needs two cores: on one, the two threads
 * take turns and never hold the line at once.
 *
 * <p>The JDK's {@code @Contended} would pad the same way; it is reserved to the JDK unless the JVM
 * runs with {@code -XX:-RestrictContended} (and javac exports {@code jdk.internal.vm.annotation}),
 * so the lab pads by hand (DESIGN.md).
 *
 * <p>Defaults: 1 fork, 3 warm-up and 5 measured iterations of 1 s.
 * Run (about 20 s): {@code ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="FalseSharingBench"}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FalseSharingBench {

    /** One pair of counters per group: both of the group's threads write it. */
    @State(Scope.Group)
    public static class Adjacent {
        final AdjacentCounters counters = new AdjacentCounters();
    }

    @State(Scope.Group)
    public static class Padded {
        final PaddedCounters counters = new PaddedCounters();
    }

    @Benchmark
    @Group("adjacent")
    @GroupThreads(1)
    public void adjacentFirst(Adjacent pair) {
        pair.counters.incrementFirst();
    }

    @Benchmark
    @Group("adjacent")
    @GroupThreads(1)
    public void adjacentSecond(Adjacent pair) {
        pair.counters.incrementSecond();
    }

    @Benchmark
    @Group("padded")
    @GroupThreads(1)
    public void paddedFirst(Padded pair) {
        pair.counters.incrementFirst();
    }

    @Benchmark
    @Group("padded")
    @GroupThreads(1)
    public void paddedSecond(Padded pair) {
        pair.counters.incrementSecond();
    }
}
