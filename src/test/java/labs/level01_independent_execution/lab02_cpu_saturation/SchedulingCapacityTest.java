package labs.level01_independent_execution.lab02_cpu_saturation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import labs.support.CpuWork;
import labs.support.DependsOnCoreCount;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Watch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * What the experiment shows, proven without a clock: how many tasks each scheduling can really run
 * at once, for CPU-bound and for blocking work, where the tasks past that wait, and that BlockHound
 * stops blocking work on the schedulers that must never block. Throughput figures come from
 * {@code labs run lab02}, not from here.
 */
@DependsOnCoreCount
class SchedulingCapacityTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final CpuWork TINY = CpuWork.ofRounds(10_000);

    static Stream<Implementation<IntFunction<Scheduling>>> forBlockingWork() {
        return named(Set.of("platform", "virtual", "reactor-elastic", "rxjava-io"));
    }

    static Stream<Implementation<IntFunction<Scheduling>>> coreSized() {
        return named(Set.of("reactor-parallel", "rxjava-computation"));
    }

    static Stream<Implementation<IntFunction<Scheduling>>> all() {
        return Scheduling.IMPLEMENTATIONS.stream();
    }

    private static Stream<Implementation<IntFunction<Scheduling>>> named(Set<String> names) {
        return Scheduling.IMPLEMENTATIONS.stream().filter(i -> names.contains(i.name()));
    }

    /** Work that only completes when {@code parties} tasks are waiting at the same moment. */
    private static Work allWaitingAtOnce(int parties) {
        CyclicBarrier barrier = new CyclicBarrier(parties);
        return () -> {
            try {
                barrier.await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new AssertionError("fewer than " + parties + " tasks were waiting at once", e);
            }
        };
    }

    @ParameterizedTest
    @MethodSource("forBlockingWork")
    @Hint("A waiting task holds a thread, not a core: a scheduling for blocking work must have a thread for every task that waits.")
    void schedulersForBlockingWorkLetManyMoreTasksWaitAtOnceThanThereAreCores(Implementation<IntFunction<Scheduling>> impl) throws Exception {
        int waiting = 8 * CORES; // within boundedElastic's cap of 10 threads per core
        Measurement m = Measurement.take(impl.create().apply(waiting), allWaitingAtOnce(waiting), waiting);

        assertThat(m.serviceMicros().getTotalCount()).as("tasks measured after %d waited at one barrier", waiting).isEqualTo(waiting);
    }

    @ParameterizedTest
    @MethodSource("coreSized")
    @Hint("parallel() and computation() are for work that never blocks; BlockHound turns a sleep there into an error.")
    void blockingWorkOnASchedulerForCpuWorkIsCaughtByBlockHound(Implementation<IntFunction<Scheduling>> impl) {
        assertThatThrownBy(() -> Measurement.take(impl.create().apply(1), new Work.Blocking(Duration.ofMillis(1)), 1))
                .satisfies(e -> assertThat(Exceptions.unwrap(e)).isInstanceOf(BlockingOperationError.class)
                        .hasMessageStartingWith("Blocking call!"));
    }

    /** The control of the test above: the same cores, the same sleep; only the scheduler given to them changes. */
    @Test
    @Hint("Blocking work belongs on boundedElastic() or io(): the same core, given one of them, runs it.")
    void theSameBlockingWorkPassesOnTheSameCoresGivenSchedulersForBlockingWork() throws Exception {
        Work sleep = new Work.Blocking(Duration.ofMillis(1));

        assertThat(Measurement.take(new ReactorScheduling(1, Schedulers.boundedElastic()), sleep, 1).tasks())
                .as("sleeps measured on boundedElastic()").isEqualTo(1);
        assertThat(Measurement.take(new RxJavaScheduling(1, io.reactivex.rxjava3.schedulers.Schedulers.io()), sleep, 1).tasks())
                .as("sleeps measured on io()").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("coreSized")
    @Hint("flatMap's concurrency asks for tasks, not threads: parallel() and computation() have one thread per core whatever W is.")
    void cpuSchedulersNeverUseMoreThreadsThanCoresWhateverTheWorkerCount(Implementation<IntFunction<Scheduling>> impl) throws Exception {
        Measurement m = Measurement.take(impl.create().apply(32), new Work.Cpu(TINY), 64);

        assertThat(m.threads()).as("threads that ran 64 tasks with 32 workers").isLessThanOrEqualTo(Math.max(CORES, Schedulers.DEFAULT_POOL_SIZE));
    }

    @Test
    @Hint("A fixed pool of W platform threads really starts W OS threads, more than there are cores: the OS then time-slices them.")
    void aPlatformPoolUsesExactlyItsWorkerCountOfThreads() throws Exception {
        Measurement m = Measurement.take(Scheduling.IMPLEMENTATIONS.create("platform").apply(16), new Work.Cpu(TINY), 64);

        assertThat(m.threads()).as("threads that ran 64 tasks with 16 platform workers").isEqualTo(16);
    }

    @Test
    @Hint("boundedElastic() grows to ten threads per core and then queues: more workers than that only wait.")
    void boundedElasticCapsThreadsAtTenPerCore() throws Exception {
        Measurement m = Measurement.take(Scheduling.IMPLEMENTATIONS.create("reactor-elastic").apply(128), new Work.Cpu(TINY), 256);

        assertThat(m.threads()).as("threads that ran 256 tasks with 128 workers").isLessThanOrEqualTo(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE);
    }

    /** Virtual threads do not add cores: CPU-bound ones run one per carrier, and carriers = cores. */
    @Test
    @Hint("A virtual thread runs on a carrier, and there are as many carriers as cores: CPU-bound virtual threads take turns, they do not add cores.")
    void cpuBoundVirtualThreadsRunNoMoreAtOnceThanThereAreCarriers() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Work cpuCounted = () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            TINY.run();
            running.decrementAndGet();
        };

        Measurement.take(Scheduling.IMPLEMENTATIONS.create("virtual").apply(64), cpuCounted, 256);

        assertThat(mostAtOnce.get()).as("most cpu-bound virtual threads running at once").isBetween(1, CORES);
    }

    /**
     * Where "waited" comes from: {@code flatMap} takes a second task at once (two workers), but the
     * scheduler given to the core has one thread, so the second task waits, taken and not started,
     * until the first has ended. The first holds its thread, spinning, until the second is taken.
     */
    @Test
    @Hint("subscribeOn(scheduler) queues a task on the scheduler's threads: with more workers than threads, the rest wait there.")
    void aTaskTakenWhileTheOnlyThreadIsBusyWaitsForItToEnd() throws Exception {
        Scheduler oneThread = Schedulers.newParallel("lab02-one-thread", 1);
        try {
            TaskTimes times = TaskTimes.of(2);
            Measurement m = Measurement.take(new ReactorScheduling(2, oneThread), holdUntilTaken(times, 2), times);

            assertThat(times.taken(1)).as("task 1 was taken before task 0 ended").isLessThanOrEqualTo(times.ended(0));
            assertThat(times.started(1)).as("task 1 started after task 0 ended").isGreaterThanOrEqualTo(times.ended(0));
            assertThat(m.threads()).as("threads that ran the two tasks").isEqualTo(1);
        } finally {
            oneThread.dispose();
        }
    }

    /** Spins (a non-blocking thread may not park) until {@code count} tasks of {@code times} are taken, with a bound. */
    private static Work holdUntilTaken(TaskTimes times, int count) {
        long deadline = System.nanoTime() + Watch.BOUND.toNanos();
        return () -> {
            while (times.takenCount() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + times.takenCount() + " of " + count + " tasks were taken");
                }
            }
        };
    }

    @ParameterizedTest
    @MethodSource("all")
    @Hint("Run each task the measurement hands you exactly once: it counts every task in each of its histograms.")
    void everyTaskIsMeasuredOnce(Implementation<IntFunction<Scheduling>> impl) throws Exception {
        Measurement m = Measurement.take(impl.create().apply(3), new Work.Cpu(TINY), 20);

        assertThat(m.tasks()).as("tasks measured").isEqualTo(20);
        assertThat(List.of(m.waitedMicros().getTotalCount(), m.serviceMicros().getTotalCount(), m.latencyMicros().getTotalCount()))
                .as("tasks in the waited, service and latency histograms").containsOnly(20L);
        assertThat(m.throughputPerSecond()).as("tasks/s").isPositive();
        assertThat(m.clamped()).as("values beyond an hour").isZero();
    }
}
