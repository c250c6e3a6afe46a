package labs.level01_independent_execution.lab02_cpu_saturation;

import labs.support.DependsOnCoreCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.CpuWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.scheduler.Schedulers;

/**
 * What the experiment shows, proven without a clock: how many tasks each scheduling can really run
 * at once, for CPU-bound and for blocking work, and that BlockHound stops blocking work on the
 * schedulers that must never block. Throughput figures come from {@code labs run lab02}, not here.
 */
@DependsOnCoreCount
class SchedulingCapacityTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final CpuWork TINY = CpuWork.ofRounds(10_000);

    /** Work that only completes when {@code parties} tasks are waiting at the same moment. */
    private static Work allWaitingAtOnce(int parties) {
        CyclicBarrier barrier = new CyclicBarrier(parties);
        return new Work() {
            @Override
            public String label() {
                return "barrier";
            }

            @Override
            public void run() throws InterruptedException {
                try {
                    barrier.await(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.BrokenBarrierException | java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("fewer than " + parties + " tasks were waiting at once", e);
                }
            }
        };
    }

    @ParameterizedTest
    @EnumSource(value = Scheduling.class, names = {"PLATFORM", "VIRTUAL", "REACTOR_ELASTIC", "RXJAVA_IO"})
    void schedulersForBlockingWorkLetManyMoreTasksWaitAtOnceThanThereAreCores(Scheduling scheduling) throws Exception {
        int waiting = 8 * CORES; // within boundedElastic's cap of 10 threads per core
        Measurement m = scheduling.measure(allWaitingAtOnce(waiting), waiting, waiting);

        assertThat(m.serviceMicros().getTotalCount()).isEqualTo(waiting);
    }

    @ParameterizedTest
    @EnumSource(value = Scheduling.class, names = {"REACTOR_PARALLEL", "RXJAVA_COMPUTATION"})
    void blockingWorkOnASchedulerForCpuWorkIsCaughtByBlockHound(Scheduling scheduling) {
        assertThatThrownBy(() -> scheduling.measure(new Work.Blocking(Duration.ofMillis(1)), 1, 1))
                .satisfies(e -> assertThat(Exceptions.unwrap(e)).isInstanceOf(BlockingOperationError.class)
                        .hasMessageStartingWith("Blocking call!"));
    }

    @ParameterizedTest
    @EnumSource(value = Scheduling.class, names = {"REACTOR_PARALLEL", "RXJAVA_COMPUTATION"})
    void cpuSchedulersNeverUseMoreThreadsThanCoresWhateverTheWorkerCount(Scheduling scheduling) throws Exception {
        Measurement m = scheduling.measure(new Work.Cpu(TINY), 64, 32);

        assertThat(m.threads()).isLessThanOrEqualTo(Math.max(CORES, Schedulers.DEFAULT_POOL_SIZE));
    }

    @Test
    void aPlatformPoolUsesExactlyItsWorkerCountOfThreads() throws Exception {
        assertThat(Scheduling.PLATFORM.measure(new Work.Cpu(TINY), 64, 16).threads()).isEqualTo(16);
    }

    @Test
    void boundedElasticCapsThreadsAtTenPerCore() throws Exception {
        Measurement m = Scheduling.REACTOR_ELASTIC.measure(new Work.Cpu(TINY), 256, 128);

        assertThat(m.threads()).isLessThanOrEqualTo(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE);
    }

    /** Virtual threads do not add cores: CPU-bound ones run one per carrier, and carriers = cores. */
    @Test
    void cpuBoundVirtualThreadsRunNoMoreAtOnceThanThereAreCarriers() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Work cpuCounted = new Work() {
            @Override
            public String label() {
                return "cpu";
            }

            @Override
            public void run() {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                TINY.run();
                running.decrementAndGet();
            }
        };

        Scheduling.VIRTUAL.measure(cpuCounted, 256, 64);

        assertThat(mostAtOnce.get()).isBetween(1, CORES);
    }

    @ParameterizedTest
    @EnumSource(Scheduling.class)
    void everyTaskIsMeasuredOnce(Scheduling scheduling) throws Exception {
        Measurement m = scheduling.measure(new Work.Cpu(TINY), 20, 3);

        assertThat(m.tasks()).isEqualTo(20);
        assertThat(m.serviceMicros().getTotalCount()).isEqualTo(20);
        assertThat(m.throughputPerSecond()).isPositive();
    }

    @Test
    void zeroTasksOrWorkersAreRejected() {
        assertThatThrownBy(() -> Scheduling.PLATFORM.measure(new Work.Cpu(TINY), 0, 1))
                .hasMessage("tasks and workers must be >= 1 (got tasks=0, workers=1)");
        assertThatThrownBy(() -> Scheduling.VIRTUAL.measure(new Work.Cpu(TINY), 1, -2))
                .hasMessage("tasks and workers must be >= 1 (got tasks=1, workers=-2)");
    }
}
