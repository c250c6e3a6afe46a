package labs.level06_performance.lab14_lock_contention;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole runs of the contract, {@code count(writers, TOTAL / writers)}: the single-writer lanes,
 * which have no counter another thread could call, beside {@code atomic} and {@code adder} run the
 * same way (writer threads started per run) for reference. One invocation adds {@value #TOTAL}
 * increments in all, so the score is increments per µs whatever the writer count, and includes
 * what a run costs to start and end its threads (under a millisecond against hundreds).
 * Any implementation of the registry runs with {@code -p impl=NAME} (the contended locks take
 * seconds per invocation at 16 writers).
 *
 * <p>What to look for: a lane that stays level as writers grow (one thread folds everything:
 * writers add waiting, not throughput), against the lock-free counters, which stay ahead of it
 * (on 2 cores neither scales with writers either; on more cores {@code adder} does).
 *
 * <p>Defaults: 1 fork, 3 warm-up and 5 measured iterations of 1 s; one run at a time: the writers are its threads, so leave JMH's {@code -t} at 1.
 * Run (about 3 min): {@code ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="LaneBench"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LaneBench {

    static final int TOTAL = 1 << 20;

    @Param({"reactor-lane", "rxjava-lane", "atomic", "adder"})
    public String impl;

    @Param({"1", "2", "4", "8", "16"})
    public int writers;

    private ContendedCount count;

    @Setup
    public void create() {
        count = ContendedCount.IMPLEMENTATIONS.create(impl).get();
    }

    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public long count() {
        Tally tally = count.count(writers, TOTAL / writers, () -> false);
        if (tally.lost() != 0) {
            throw new IllegalStateException(impl + " lost " + tally.lost() + " increments"); // a wrong count is not a score
        }
        return tally.counted();
    }
}
