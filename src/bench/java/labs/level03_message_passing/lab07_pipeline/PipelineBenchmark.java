package labs.level03_message_passing.lab07_pipeline;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import labs.support.CpuWork;
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
 * Reactive vs imperative on one workload: 2,000 items through three CPU-bound stages of different
 * cost (1, 3 and 2 units of {@code rounds} hash rounds each), buffer 16, one thread per stage.
 * Every run builds its pipeline (threads, schedulers) and tears it down, as {@code process} does.
 *
 * <ul>
 *   <li>{@code singleThreadLoop} — the limit: the same functions on one thread, no hand-off at all.</li>
 *   <li>{@code platformThreads}, {@code virtualThreads} — {@link ThreadPipeline}: bounded
 *       {@code ArrayBlockingQueue}s between threads.</li>
 *   <li>{@code reactorPublishOn} — {@link ReactorPipeline}: {@code publishOn(newSingle, false, 16).flatMap(stage, 1)} per stage.</li>
 *   <li>{@code rxJavaObserveOn} — {@link RxJavaPipeline}: {@code observeOn(from(executor), false, 16).flatMapSingle(stage, false, 1)} per stage.</li>
 * </ul>
 * With tiny stages ({@code rounds = 20}) the figure is the cost of a hand-off per item per stage;
 * with bigger ones ({@code rounds = 2000}) overlapping the stages can pay for it.
 *
 * <p>How to run (the defaults — 3 forks, 5 warm-up and 5 measured iterations of 1 s — take about
 * 6 minutes; a smoke run, not a result, is {@code -f 1 -wi 1 -i 1}):
 * <pre>
 * ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="PipelineBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "-XX:+UseParallelGC")
public class PipelineBenchmark {

    private static final int ITEMS = 2_000;
    private static final int BUFFER = 16;

    @Param({"20", "2000"})
    public int rounds;

    private List<Stage> stages;
    private List<Long> items;

    @Setup
    public void setUp() {
        CpuWork unit = CpuWork.ofRounds(rounds);
        stages = List.of(
                new Stage("parse", x -> x + (unit.run() & 1)),
                new Stage("enrich", x -> x + ((unit.run() + unit.run() + unit.run()) & 1)),
                new Stage("store", x -> x + ((unit.run() + unit.run()) & 1)));
        items = LongStream.range(0, ITEMS).boxed().toList();
    }

    @Benchmark
    public long singleThreadLoop() {
        long sum = 0;
        for (Long item : items) {
            long x = item;
            for (Stage stage : stages) {
                x = stage.apply(x);
            }
            sum += x;
        }
        return sum;
    }

    @Benchmark
    public List<Long> platformThreads() {
        return ThreadPipeline.platform(stages, BUFFER).process(items);
    }

    @Benchmark
    public List<Long> virtualThreads() {
        return ThreadPipeline.virtual(stages, BUFFER).process(items);
    }

    @Benchmark
    public List<Long> reactorPublishOn() {
        return new ReactorPipeline(stages, BUFFER).process(items);
    }

    @Benchmark
    public List<Long> rxJavaObserveOn() {
        return new RxJavaPipeline(stages, BUFFER).process(items);
    }
}
