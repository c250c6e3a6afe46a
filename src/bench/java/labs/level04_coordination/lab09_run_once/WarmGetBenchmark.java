package labs.level04_coordination.lab09_run_once;

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
 * What a warm {@code get()} costs — the price every caller pays for ever after the one run — per
 * variant, all JMH threads reading one shared, already initialized instance. Run at 1 thread, then
 * at 4 ({@code -t 4}): {@code synchronized} takes its monitor on every read, so its cost grows with
 * readers; the others read a field (or a cache) without a lock.
 *
 * <p>Rows: {@code plain-field} is the floor (a lambda returning a field: what no lazy init can beat);
 * {@code holder} is {@link HolderIdiom#get()}, a static field read once its class is initialized;
 * {@code racy} and {@code double-checked-without-volatile} are the broken variants, as fast as a field
 * (their bug is not speed); the reactive rows go through their blocking edge, which subscribes,
 * allocates a latch and waits for a cached signal on every call.
 *
 * <p>Defaults: 1 fork, 5 × 1 s warm-up, 5 × 1 s measurement: about 11 s per row, 2 min for the 11
 * rows at one thread count; on the quiet 2-core machine enough for errors within 10 % at one thread,
 * not at {@code -t 4} (10 of 11 rows missed it, oversubscribed: NOTES.md says which and why).
 *
 * <p>Run: {@code ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="WarmGetBenchmark -t 1"}
 * and again with {@code -t 4}. Figures: docs/labs/level04_coordination/lab09_run_once/NOTES.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class WarmGetBenchmark {

    @Param({"plain-field", "holder", "racy", "synchronized", "double-checked-without-volatile", "double-checked", "cas",
            "reactor-cache", "reactor-cache-ttl", "reactor-invalidate-if", "rxjava-cache"})
    public String variant;

    private RunOnce<Object> lazy;

    @Setup
    public void initialize() {
        lazy = switch (variant) {
            case "plain-field" -> {
                Object value = new Object();
                yield () -> value;
            }
            case "holder" -> {
                configureHolderOnce();
                yield HolderIdiom::get;
            }
            default -> RunOnceExperiment.make(variant, Object::new, false);
        };
        lazy.get(); // the one run happens here: the benchmark measures warm reads only
    }

    /** A fork may set up the holder row more than once (with {@code -f 0}); the class takes one initializer per JVM. */
    private static void configureHolderOnce() {
        try {
            HolderIdiom.configure(Object::new);
        } catch (IllegalStateException alreadyConfigured) {
            // configured by an earlier setup in this JVM: the same initializer, nothing to do
        }
    }

    @Benchmark
    public Object warmGet() {
        return lazy.get();
    }
}
