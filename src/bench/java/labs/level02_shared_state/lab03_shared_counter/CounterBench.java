package labs.level02_shared_state.lab03_shared_counter;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What correctness costs: increments per second of each lab03 counter, all JMH threads hammering
 * one shared instance. Run it at 1, 2, 4 and 8 threads ({@code -t}); on a 2-core machine 4 and 8
 * are oversubscribed, which is the point: contention, not parallelism, sets the pace.
 *
 * <p>The racy and volatile rows measure a counter that loses updates: fast and wrong. They are
 * here as the "baseline" of what an unprotected read-add-write costs, never as a contender.
 *
 * <p>{@code rxjava-toSerialized} only at 1 thread: at 2 or more, the serializer's unbounded queue
 * traps one thread in its emit loop while the other keeps appending; the fork grew past 6 GB and
 * the iteration never ended. Exclude it with {@code -p variant=…} (NOTES.md has the command).
 *
 * <p>Run (one thread count per run; the defaults — 3 forks, 5 warm-up and 5 measured iterations of
 * 1 s — take about 4 minutes per thread count; a smoke run, not a result, is {@code -f 1 -wi 1 -i 1}):
 * {@code ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="CounterBench -t 4 -p variant=racy,volatile,synchronized,lock,atomic,adder,reactor-single-writer"}
 * Figures: docs/labs/level02_shared_state/lab03_shared_counter/NOTES.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class CounterBench {

    @Param({"racy", "volatile", "synchronized", "lock", "atomic", "adder", "reactor-single-writer", "rxjava-toSerialized"})
    public String variant;

    private Counter counter;

    @Setup
    public void create() {
        counter = SharedCounterExperiment.factory(variant).get();
    }

    @TearDown
    public void close() {
        counter.close();
    }

    @Benchmark
    public void increment() {
        counter.increment();
    }
}
