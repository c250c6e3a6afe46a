package labs.level04_coordination.lab08_barrier;

import java.time.Duration;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one phase costs each lab08 barrier when the parties have nothing to do: the price of
 * meeting. One operation is a run of {@value #PHASES} phases of {@code parties} parties whose work
 * returns at once; the figure is per phase ({@code @OperationsPerInvocation}). It includes each
 * run's start — a thread per party for the thread barriers, a subscription for the reactive ones —
 * spread over the {@value #PHASES} phases.
 *
 * <ul>
 *   <li>{@code cyclic-*}, {@code phaser-*} — the last party to arrive wakes the others: a park and an
 *       unpark per party per phase (a virtual thread's park unmounts it from its carrier).</li>
 *   <li>{@code reactor}, {@code rxjava} — no party waits: each phase subscribes a step per party on
 *       {@code boundedElastic()} / {@code io()} and the zip emits when the last one completes. The cost
 *       is a scheduler hop per party per phase.</li>
 * </ul>
 *
 * <p>How to run (the defaults — 2 forks, 3 warm-up and 5 measured iterations of 1 s, for 6
 * implementations × 2 party counts — take about 3.5 minutes; on the quiet 2-core machine 9 of the 12
 * errors still came out over 10 %, from single slow iterations and forks that settled at different
 * levels, lab08 NOTES §3; a smoke run, not a result, is {@code -f 1 -wi 1 -i 1 -w 1s -r 1s}):
 * <pre>
 * ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="PhaseBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-XX:+UseParallelGC")
public class PhaseBenchmark {

    static final int PHASES = 100;

    @Param({"cyclic-platform", "cyclic-virtual", "phaser-platform", "phaser-virtual", "reactor", "rxjava"})
    public String impl;

    @Param({"2", "8"})
    public int parties;

    private Barrier barrier;

    @Setup
    public void open() {
        // A timeout no phase of no work reaches: the benchmark measures meeting, never breaking.
        barrier = Barrier.IMPLEMENTATIONS.create(impl).open(parties, Duration.ofSeconds(30));
    }

    @TearDown
    public void close() {
        barrier.close();
    }

    @Benchmark
    @OperationsPerInvocation(PHASES)
    public List<Phase<Integer>> phasesOfNoWork() {
        return barrier.run(PHASES, (party, phase) -> party);
    }
}
