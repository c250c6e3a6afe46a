package labs.level02_shared_state.lab04_bounded_buffer;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code pairs} producers and as many consumers, a bound of 1024: items per second through each
 * lab04 buffer, the JDK's two blocking queues, and the reactive bound (one pair: the lab's
 * {@code ReactorBackpressure.pull} / {@code RxJavaBackpressure.pull}, prefetch = 1024; with 2 pairs,
 * two producers merged and two consumer rails, {@code parallel(2).runOn(…, 1024)}). Each invocation moves {@value #BATCH} items and waits
 * until the last one arrived, so JMH counts items, not calls, and no thread is left blocked when an
 * iteration ends. The JMH thread only waits: producers and consumers are pool threads.
 *
 * <p>Reference (not ours): the LMAX Disruptor paper measured ArrayBlockingQueue 1P-1C at
 * 5.3 M ops/s on its own hardware. NOTES.md puts our figures beside it.
 *
 * <p>Run (the defaults — 3 forks, 5 warm-up and 5 measured iterations of 1 s — take about 6
 * minutes for both pair counts; a smoke run, not a result, is {@code -f 1 -wi 1 -i 1}):
 * {@code ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="BoundedBufferBench"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class BoundedBufferBench {

    static final int BATCH = 100_000;
    static final int CAPACITY = 1024;

    @Param({"lock-conditions", "ArrayBlockingQueue", "LinkedBlockingQueue", "reactor-publishOn", "rxjava-observeOn"})
    public String variant;

    @Param({"1", "2"})
    public int pairs;

    private ExecutorService producers;
    private ExecutorService consumers;
    private LockConditionBuffer<Integer> ours;
    private BlockingQueue<Integer> jdk;

    @Setup
    public void create() {
        producers = Executors.newFixedThreadPool(pairs, r -> new Thread(r, "bench-producer"));
        consumers = Executors.newFixedThreadPool(pairs, r -> new Thread(r, "bench-consumer"));
        ours = new LockConditionBuffer<>(CAPACITY);
        jdk = variant.equals("LinkedBlockingQueue") ? new LinkedBlockingQueue<>(CAPACITY) : new ArrayBlockingQueue<>(CAPACITY);
    }

    @TearDown
    public void shutdown() {
        producers.shutdownNow();
        consumers.shutdownNow();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long transfer() throws Exception {
        return switch (variant) {
            case "lock-conditions" -> through(ours::put, ours::take);
            case "ArrayBlockingQueue", "LinkedBlockingQueue" -> through(jdk::put, jdk::take);
            case "reactor-publishOn" -> pairs == 1
                    // The lab's core: single() produces, the consumer takes one item at a time on
                    // parallel(); publishOn's prefetch (CAPACITY) bounds the items in flight.
                    ? new ReactorBackpressure(CAPACITY).pull(Flux.range(0, BATCH).subscribeOn(Schedulers.single()), item -> Mono.empty())
                            .reduce(0L, (sum, i) -> sum + i)
                            .block()
                    : Flux.merge(Flux.range(0, BATCH / 2).subscribeOn(Schedulers.single()),
                                    Flux.range(BATCH / 2, BATCH / 2).subscribeOn(Schedulers.boundedElastic()))
                            .parallel(2)
                            .runOn(Schedulers.parallel(), CAPACITY)
                            .reduce(() -> 0L, (sum, i) -> sum + i)
                            .reduce(Long::sum)
                            .block();
            case "rxjava-observeOn" -> pairs == 1
                    // The lab's core: single() produces, the consumer takes one item at a time on
                    // computation(); observeOn's bufferSize (CAPACITY) bounds the items in flight.
                    ? new RxJavaBackpressure(CAPACITY).pull(Flowable.range(0, BATCH).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.single()),
                                    item -> Completable.complete())
                            .reduce(0L, (sum, i) -> sum + i)
                            .blockingGet()
                    : Flowable.merge(Flowable.range(0, BATCH / 2).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.single()),
                                    Flowable.range(BATCH / 2, BATCH / 2).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io()))
                            .parallel(2)
                            .runOn(io.reactivex.rxjava3.schedulers.Schedulers.computation(), CAPACITY)
                            .reduce(() -> 0L, (sum, i) -> sum + i)
                            .reduce(Long::sum)
                            .blockingSingle();
            default -> throw new IllegalArgumentException(variant);
        };
    }

    interface Put {
        void put(Integer item) throws InterruptedException;
    }

    interface Take {
        Integer take() throws InterruptedException;
    }

    /** {@code pairs} producers put BATCH / pairs items each; {@code pairs} consumers take as many. */
    private long through(Put put, Take take) throws Exception {
        int share = BATCH / pairs;
        List<Future<Long>> done = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            done.add(producers.submit(() -> {
                for (int i = 0; i < share; i++) {
                    put.put(i);
                }
                return 0L;
            }));
            done.add(consumers.submit(() -> {
                long sum = 0;
                for (int i = 0; i < share; i++) {
                    sum += take.take();
                }
                return sum;
            }));
        }
        long sum = 0;
        for (Future<Long> f : done) {
            sum += f.get();
        }
        return sum;
    }
}
