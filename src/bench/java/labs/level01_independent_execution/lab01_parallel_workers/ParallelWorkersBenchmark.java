package labs.level01_independent_execution.lab01_parallel_workers;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * What does each lab01 implementation cost around the same work? One run = 64 tasks, each a fixed
 * amount of CPU work ({@code rounds}), on {@code workers} workers. With tiny tasks the figure is
 * mostly the machinery (a pool per run, a virtual thread per task, flatMap and scheduler hops);
 * with bigger tasks all four converge on work / min(workers, cores).
 *
 * <p>{@code sequentialBaseline} runs the same tasks on the calling thread: the limit that any
 * parallel version must beat to be worth its threads.
 *
 * <p>How to run (the defaults — 3 forks, 5 warm-up and 5 measured iterations of 1 s — take about 5
 * minutes and give errors within 10 % on a quiet machine; a smoke run, not a result, is
 * {@code -f 1 -wi 1 -i 1}):
 * <pre>
 * ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="ParallelWorkersBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "-XX:+UseParallelGC")
public class ParallelWorkersBenchmark {

    @Param({"1000", "100000"})
    public int rounds;

    @Param({"2"})
    public int workers;

    private List<Task<Long>> tasks;

    @Setup
    public void setUp() {
        CpuWork work = CpuWork.ofRounds(rounds);
        tasks = IntStream.range(0, 64).mapToObj(id -> new Task<>(id, work::run)).toList();
    }

    @Benchmark
    public long sequentialBaseline() {
        long sum = 0;
        for (Task<Long> task : tasks) {
            try {
                sum += task.body().call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return sum;
    }

    @Benchmark
    public List<Outcome<Long>> platformThreads() {
        return new PlatformThreadWorkers(workers).runAll(tasks);
    }

    @Benchmark
    public List<Outcome<Long>> virtualThreads() {
        return new VirtualThreadWorkers(workers).runAll(tasks);
    }

    @Benchmark
    public List<Outcome<Long>> reactorParallel() {
        return new ReactorWorkers(workers).runAll(tasks);
    }

    @Benchmark
    public List<Outcome<Long>> rxJavaComputation() {
        return new RxJavaWorkers(workers).runAll(tasks);
    }
}
