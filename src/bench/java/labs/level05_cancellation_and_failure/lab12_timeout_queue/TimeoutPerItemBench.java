package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What a per-item {@code timeout} costs when it never fires: items per second through
 * {@code concatMap} with an item that answers at once, without a timeout ({@code baseline}), with
 * {@code timeout(1 s)} on each item's {@code Mono} (a timer scheduled on {@code parallel()} and
 * cancelled, for every item), through the lab's {@link ReactorDeadlines#eachWithin} (the same, plus
 * the fallback and the {@link Settled} wrapper), and with one {@code Flux.timeout(1 s)} on the whole
 * stream (a timer per gap between items); the same for RxJava on {@code computation()}. Each
 * invocation moves {@value #BATCH} items, so JMH counts items, not calls.
 *
 * <p>The question it answers: is a deadline on every item affordable? The timer is a task on a
 * {@code ScheduledThreadPoolExecutor}: scheduling and cancelling it takes that executor's queue
 * lock; the baseline pays none of it.
 *
 * <p>Run (about 3 minutes: 8 benchmarks × 2 forks × (3 + 5) s):
 * {@code ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="TimeoutPerItemBench"};
 * a quick look: {@code -Dlabs.tool.args="TimeoutPerItemBench -f 1 -wi 1 -i 1 -w 1s -r 1s"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = "-Xss1m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TimeoutPerItemBench {

    static final int BATCH = 10_000;
    private static final Duration NEVER = Duration.ofSeconds(1);

    private final ReactorDeadlines deadlines = new ReactorDeadlines(Schedulers.parallel());
    private final RxJavaDeadlines rxDeadlines = new RxJavaDeadlines(io.reactivex.rxjava3.schedulers.Schedulers.computation());

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Integer reactorBaseline() {
        return Flux.range(0, BATCH).concatMap(Mono::just).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Integer reactorTimeoutOnEachItem() {
        return Flux.range(0, BATCH).concatMap(i -> Mono.just(i).timeout(NEVER, Schedulers.parallel())).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Settled<Integer, Integer> reactorEachWithin() {
        return deadlines.eachWithin(Flux.range(0, BATCH), NEVER, Mono::just).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Integer reactorTimeoutOnTheStream() {
        return Flux.range(0, BATCH).concatMap(Mono::just).timeout(NEVER, Schedulers.parallel()).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Integer rxJavaBaseline() {
        return Flowable.range(0, BATCH).concatMapSingle(Single::just).blockingLast();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Integer rxJavaTimeoutOnEachItem() {
        return Flowable.range(0, BATCH)
                .concatMapSingle(i -> Single.just(i).timeout(NEVER.toMillis(), TimeUnit.MILLISECONDS, io.reactivex.rxjava3.schedulers.Schedulers.computation()))
                .blockingLast();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Settled<Integer, Integer> rxJavaEachWithin() {
        return rxDeadlines.eachWithin(Flowable.range(0, BATCH), NEVER, Single::just).blockingLast();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Integer rxJavaTimeoutOnTheStream() {
        return Flowable.range(0, BATCH).concatMapSingle(Single::just)
                .timeout(NEVER.toMillis(), TimeUnit.MILLISECONDS, io.reactivex.rxjava3.schedulers.Schedulers.computation())
                .blockingLast();
    }
}
