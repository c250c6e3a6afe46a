package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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

/**
 * What an item's time-to-live costs each queue: items per second through {@code offer(item, 0)}
 * then {@code poll(0)} on one thread, a batch of {@value #BATCH} per invocation, nothing ever
 * expiring (time-to-live 1 s). {@code lock-conditions} and {@code linked-blocking-queue} expire
 * lazily — a look at the head on every call; {@code reactor} and {@code rxjava} schedule a timer per
 * item on {@code parallel()} / {@code computation()} and cancel it when the item is delivered, and
 * every call goes through the lane (a lock-free queue, a counter).
 *
 * <p>One thread only: this is the cost of the bookkeeping, not of contention (lab14's subject).
 *
 * <p>Run (about 2 minutes: 4 queues × 2 forks × (3 + 5) s):
 * {@code ./mvnw -B -ntp -Pbench package exec:exec -DskipTests -Dlabs.tool.args="TimeoutQueueRoundTripBench"};
 * a quick look: {@code -Dlabs.tool.args="TimeoutQueueRoundTripBench -f 1 -wi 1 -i 1 -w 1s -r 1s"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = "-Xss1m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TimeoutQueueRoundTripBench {

    static final int BATCH = 1_000;

    @Param({"lock-conditions", "linked-blocking-queue", "reactor", "rxjava"})
    public String impl;

    private TimeoutQueue<Integer> queue;

    @Setup(Level.Trial)
    public void create() {
        queue = TimeoutQueue.IMPLEMENTATIONS.create(impl).create(BATCH, Duration.ofSeconds(1), Timing.real());
    }

    @TearDown(Level.Trial)
    public void close() {
        queue.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long offerThenPoll() throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            queue.offer(i, Duration.ZERO);
        }
        for (int i = 0; i < BATCH; i++) {
            sum += queue.poll(Duration.ZERO);
        }
        return sum;
    }
}
