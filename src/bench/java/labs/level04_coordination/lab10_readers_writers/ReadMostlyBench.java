package labs.level04_coordination.lab10_readers_writers;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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
 * What each way of sharing a read-mostly config costs: calls per microsecond on one shared config,
 * every JMH thread making a mix of {@code get} (a random one of {@value #KEYS} keys) and
 * {@code update} (of one random key), {@code readPercent} of them reads. Run it at 1, 2, 4 and 8
 * threads ({@code -t}); past the core count the threads contend for cores as well as for the config,
 * which is the point: a read lock's shared counter is written by every reader, a copy-on-write read
 * writes nothing, a lane's write is a hand-off to another thread.
 *
 * <p>{@code concurrent-map} is the baseline of an unprotected map (fast, and tears multi-key
 * updates: a lesson, not a contender); {@code reader-preference} is the lesson that starves writers
 * — at 95/5 it can look fast because its writers barely get in (compare the CLI's
 * {@code --inject reader-stream}). Keys and updates are made in {@link #create}, so a call allocates
 * only what the variant itself allocates.
 *
 * <p>Defaults: 1 fork, 3 warm-up and 5 measured iterations of 1 s. On the quiet 2-core machine that
 * kept most errors within 10 % at one thread, not with more threads than cores (at {@code -t 4} and
 * {@code -t 8} 30 of 32 rows missed it: NOTES.md); check the "Error" column, and add {@code -f 2}
 * where it misses. Sixteen combinations (8 variants x 2 mixes): about 2.5 min per thread count.
 *
 * <p>Run (one thread count per run):
 * {@code ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="ReadMostlyBench -t 4"}
 * Quick look: {@code -Dlabs.tool.args="ReadMostlyBench -f 1 -wi 1 -i 1 -w 1s -r 1s -t 2"}.
 * Figures: docs/labs/level04_coordination/lab10_readers_writers/NOTES.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReadMostlyBench {

    static final int KEYS = 64;

    @Param({"concurrent-map", "stamped", "reader-preference", "rwlock", "rwlock-fair", "copy-on-write", "reactor-lane", "rxjava-lane"})
    public String variant;

    /** Reads in every hundred calls: 95 (read-mostly, what the variants are for) or 50. */
    @Param({"95", "50"})
    public int readPercent;

    private SharedConfig config;
    private final String[] keys = new String[KEYS];
    @SuppressWarnings("unchecked")
    private final Map<String, String>[] updates = new Map[KEYS];

    @Setup
    public void create() {
        config = ReadersWritersExperiment.factory(variant).get();
        for (int k = 0; k < KEYS; k++) {
            keys[k] = "k" + k;
            updates[k] = Map.of(keys[k], "v" + k);
            config.update(updates[k]);
        }
    }

    @TearDown
    public void close() {
        config.close();
    }

    @Benchmark
    public Object readMostly() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int key = random.nextInt(KEYS);
        if (random.nextInt(100) < readPercent) {
            return config.get(keys[key]);
        }
        config.update(updates[key]);
        return updates[key];
    }
}
