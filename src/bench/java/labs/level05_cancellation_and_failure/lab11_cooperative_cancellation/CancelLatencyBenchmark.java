package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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

/**
 * How long {@code cancel()} takes to stop a job whose step is blocked in an interruptible wait, per
 * registered implementation: the interrupt (or the dispose that interrupts), the step's unwinding,
 * the release, and the wait for all of it — the "stop latency" of {@code labs run lab11}, measured
 * by JMH instead of once. Each invocation starts a fresh job and waits (in the untimed set-up) until
 * its first step is blocked; only {@code cancel()} is timed.
 *
 * <p>{@code Level.Invocation} set-up is fine here: one operation is tens of microseconds or more,
 * far above the per-invocation overhead JMH warns about.
 *
 * <p>How to run (the defaults — 2 forks, 3 warm-up and 5 measured iterations of 1 s, 4 params — take
 * about 1 minute; on the quiet 2-core machine the means came within 7 %, two pooled percentiles did
 * not (the forks disagreed; lab11 NOTES §3); a smoke run is
 * {@code -f 1 -wi 1 -i 1 -w 1s -r 1s}):
 * <pre>
 * ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="CancelLatencyBenchmark"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-XX:+UseParallelGC")
public class CancelLatencyBenchmark {

    @Param({"platform", "virtual", "reactor", "rxjava"})
    public String impl;

    private Supplier<JobRunner> runner;
    private RunningJob running;

    @Setup(Level.Trial)
    public void pickTheRunner() {
        runner = JobRunner.IMPLEMENTATIONS.create(impl);
    }

    @Setup(Level.Invocation)
    public void startAJobBlockedInItsFirstStep() throws InterruptedException {
        CountDownLatch blocked = new CountDownLatch(1);
        running = runner.get().start(new Job(2, () -> () -> { }, (resource, index) -> {
            blocked.countDown();
            new CountDownLatch(1).await(10, TimeUnit.SECONDS); // blocked until the cancel interrupts it
            return index;
        }));
        if (!blocked.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(impl + ": the job's first step never started");
        }
    }

    @Benchmark
    public Report cancelABlockedJob() {
        return running.cancel();
    }

    @TearDown(Level.Invocation)
    public void makeSureItEnded() {
        running.await();
    }
}
