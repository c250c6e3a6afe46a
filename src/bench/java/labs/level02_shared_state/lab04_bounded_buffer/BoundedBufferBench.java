package labs.level02_shared_state.lab04_bounded_buffer;

import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * One producer, one consumer, a bound of 1024: items per second through each lab04 buffer, the
 * JDK's two blocking queues, and the reactive bound (Reactor {@code publishOn}, RxJava
 * {@code observeOn}, prefetch = 1024). Each invocation moves {@value #BATCH} items from a producer
 * thread to a consumer thread and waits until the last one arrived, so JMH counts items, not calls,
 * and no thread is left blocked when an iteration ends.
 *
 * <p>Reference (not ours): the LMAX Disruptor paper measured ArrayBlockingQueue 1P-1C at
 * 5.3 M ops/s on its own hardware. NOTES.md puts our figures beside it.
 *
 * <p>Run (about 30 s):
 * {@code ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="BoundedBufferBench -f 1 -wi 1 -i 2 -w 1s -r 1s"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BoundedBufferBench {

    static final int BATCH = 100_000;
    static final int CAPACITY = 1024;

    @Param({"lock-conditions", "ArrayBlockingQueue", "LinkedBlockingQueue", "reactor-publishOn", "rxjava-observeOn"})
    public String variant;

    private ExecutorService producer;
    private LockConditionBuffer<Integer> ours;
    private BlockingQueue<Integer> jdk;

    @Setup
    public void create() {
        producer = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-producer"));
        ours = new LockConditionBuffer<>(CAPACITY);
        jdk = variant.equals("LinkedBlockingQueue") ? new LinkedBlockingQueue<>(CAPACITY) : new ArrayBlockingQueue<>(CAPACITY);
    }

    @TearDown
    public void shutdown() {
        producer.shutdownNow();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long oneProducerOneConsumer() throws Exception {
        return switch (variant) {
            case "lock-conditions" -> throughOurs();
            case "ArrayBlockingQueue", "LinkedBlockingQueue" -> throughJdk();
            case "reactor-publishOn" -> Flux.range(0, BATCH)
                    .subscribeOn(Schedulers.single())
                    .publishOn(Schedulers.parallel(), CAPACITY)
                    .reduce(0L, (sum, i) -> sum + i)
                    .block();
            case "rxjava-observeOn" -> Flowable.range(0, BATCH)
                    .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.single())
                    .observeOn(io.reactivex.rxjava3.schedulers.Schedulers.computation(), false, CAPACITY)
                    .reduce(0L, (sum, i) -> sum + i)
                    .blockingGet();
            default -> throw new IllegalArgumentException(variant);
        };
    }

    private long throughOurs() throws Exception {
        Future<?> done = producer.submit(() -> {
            for (int i = 0; i < BATCH; i++) {
                ours.put(i);
            }
            return null;
        });
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += ours.take();
        }
        done.get();
        return sum;
    }

    private long throughJdk() throws Exception {
        Future<?> done = producer.submit(() -> {
            for (int i = 0; i < BATCH; i++) {
                jdk.put(i);
            }
            return null;
        });
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += jdk.take();
        }
        done.get();
        return sum;
    }
}
