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
 * One producer, one consumer, a bound of {@link Handoff#CAPACITY}: items per second through
 * {@code ArrayBlockingQueue} (one lock for both ends, a parked side woken by a signal), Reactor's
 * lock-free single-producer ring used directly (a waiting side spins, then yields), and the same
 * ring as {@code publishOn} and RxJava's {@code observeOn} use it (a drain scheduled only when there
 * is demand and an item). Each invocation hands over {@value #ITEMS} items, checked in order, and
 * ends both threads, so JMH counts items, and no thread is left waiting when an iteration ends.
 *
 * <p>Reference (not ours): the LMAX Disruptor paper measured ArrayBlockingQueue 1P–1C at 5.3 M
 * ops/s on its own hardware; lab04's NOTES measured this repository's on 16 cores. NOTES.md puts
 * ours beside them.
 *
 * <p>Defaults: 1 fork, 3 warm-up and 5 measured iterations of 1 s; one transfer at a time: its producer and consumer are its threads, so leave JMH's {@code -t} at 1.
 * Run (about 40 s): {@code ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="HandoffBench"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HandoffBench {

    static final int ITEMS = 1 << 20;

    @Param({"array-blocking-queue", "spsc-ring", "reactor-publishOn", "rxjava-observeOn"})
    public String impl;

    private Handoff handoff;

    @Setup
    public void create() {
        handoff = Handoff.IMPLEMENTATIONS.create(impl).get();
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long transfer() {
        return handoff.transfer(ITEMS).received();
    }
}
