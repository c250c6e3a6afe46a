package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What being cancellable costs while nobody cancels: a CPU-bound job of 4,096 small steps that
 * looks for a stop before each one, three ways — the lab's {@link JobEnding} flag (one volatile
 * read), the thread's interrupt status ({@code isInterrupted()}), and not at all — and the reactive
 * counterpart, {@code takeUntilOther(never)} on every item, against the same stream without it.
 *
 * <p>{@code baselineNoCheck} is the floor: a job that cannot be stopped between its steps. The
 * interesting figure is the difference per step, against a step's own cost ({@code rounds}).
 *
 * <p>How to run (the defaults — 3 forks, 5 warm-up and 5 measured iterations of 1 s, 7 benchmarks ×
 * 2 params — take about 8 minutes and give errors within 10 % on a quiet machine; a smoke run, not
 * a result, is {@code -f 1 -wi 1 -i 1 -w 1s -r 1s}):
 * <pre>
 * ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="CancellationCheckBenchmark"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "-XX:+UseParallelGC")
public class CancellationCheckBenchmark {

    private static final int STEPS = 4_096;

    /** Rounds of an integer hash per step: 1 (the check dominates) or 64 (a small real step). */
    @Param({"1", "64"})
    public int rounds;

    private final JobEnding ending = new JobEnding();

    private long step(long h, int index) {
        for (int r = 0; r < rounds; r++) {
            h ^= index + r;
            h *= 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        return h;
    }

    @Benchmark
    public long baselineNoCheck() {
        long h = 0;
        for (int i = 0; i < STEPS; i++) {
            h = step(h, i);
        }
        return h;
    }

    @Benchmark
    public long flagCheckedBeforeEachStep() {
        long h = 0;
        for (int i = 0; i < STEPS && !ending.cancelRequested(); i++) {
            h = step(h, i);
        }
        return h;
    }

    @Benchmark
    public long interruptStatusCheckedBeforeEachStep() {
        long h = 0;
        Thread self = Thread.currentThread();
        for (int i = 0; i < STEPS && !self.isInterrupted(); i++) {
            h = step(h, i);
        }
        return h;
    }

    @Benchmark
    public Long reactorStepsWithoutStop() {
        return Flux.range(0, STEPS).reduce(0L, this::step).block();
    }

    @Benchmark
    public Long reactorStepsWithTakeUntilOther() {
        return Flux.range(0, STEPS).takeUntilOther(Mono.never()).reduce(0L, this::step).block();
    }

    @Benchmark
    public Long rxJavaStepsWithoutStop() {
        return Flowable.range(0, STEPS).reduce(0L, (h, i) -> step(h, i)).blockingGet();
    }

    @Benchmark
    public Long rxJavaStepsWithTakeUntil() {
        return Flowable.range(0, STEPS).takeUntil(Flowable.never()).reduce(0L, (h, i) -> step(h, i)).blockingGet();
    }
}
