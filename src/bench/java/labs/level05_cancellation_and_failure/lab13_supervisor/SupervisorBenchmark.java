package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
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
 * What does supervision cost, and what does one restart cost? One operation supervises one child
 * through 100 inputs (each a trivial call), of which {@code crashes} crash their worker once: with
 * 0 the figure is the supervisor's machinery on the happy path; the difference to 10, divided by
 * 10, is the price of a restart — a new thread and a trip through the supervisor thread
 * ({@code threads}), a resubscription after a timer ({@code reactor}, {@code rxjava}). The backoff
 * is 1 µs, so the figure is the machinery, not the wait.
 *
 * <p>{@code baseline} handles the same 100 inputs on the calling thread with no supervisor and no
 * crash: the floor.
 *
 * <p>How to run (the defaults — 3 forks, 5 warm-up and 5 measured iterations of 1 s — take about 4
 * minutes for the 7 figures; on the quiet 2-core machine four came within 10 %, the reactive rows
 * did not (12–23 %, one slow fork or iterations spread within one, lab13 NOTES §2); a smoke run, not a
 * result, is {@code -f 1 -wi 1 -i 1 -w 1s -r 1s}):
 * <pre>
 * ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="SupervisorBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "-XX:+UseParallelGC")
public class SupervisorBenchmark {

    private static final int INPUTS = 100;

    /** The inputs, for both benchmarks. */
    @State(Scope.Benchmark)
    public static class Inputs {
        final List<String> inputs = IntStream.range(0, INPUTS).mapToObj(i -> "in" + i).toList();
    }

    /** A supervisor per implementation, and which inputs crash their first worker. */
    @State(Scope.Benchmark)
    public static class Supervised {
        @Param({"threads", "reactor", "rxjava"})
        public String impl;

        @Param({"0", "10"})
        public int crashes;

        Supervisor supervisor;
        List<String> crashing;

        @Setup
        public void setUp() {
            RestartPolicy policy = RestartPolicy.backoff(Duration.ofNanos(1_000), Duration.ofNanos(1_000))
                    .withIntensity(1_000, Duration.ofHours(1))
                    .withPoisonAfter(1_000);
            supervisor = Supervisor.IMPLEMENTATIONS.create(impl).create(policy, Strategy.ONE_FOR_ONE);
            crashing = IntStream.range(0, crashes).mapToObj(i -> "in" + (i * INPUTS / Math.max(1, crashes) + 5)).toList();
        }
    }

    /** Each crashing input crashes its first worker only: the state outlives the workers, one map per operation. */
    @Benchmark
    public Report supervise(Supervised state, Inputs inputs) {
        Map<String, AtomicInteger> left = new ConcurrentHashMap<>();
        state.crashing.forEach(input -> left.put(input, new AtomicInteger(1)));
        return state.supervisor.run(List.of(new Child("bench", inputs.inputs, () -> input -> {
            AtomicInteger n = left.get(input);
            if (n != null && n.getAndDecrement() > 0) {
                throw new IllegalStateException("crash");
            }
            return input.toUpperCase(Locale.ROOT);
        })));
    }

    @Benchmark
    public int baseline(Inputs inputs) throws Exception {
        Worker worker = input -> input.toUpperCase(Locale.ROOT);
        int length = 0;
        for (String input : inputs.inputs) {
            length += worker.handle(input).length();
        }
        return length;
    }
}
