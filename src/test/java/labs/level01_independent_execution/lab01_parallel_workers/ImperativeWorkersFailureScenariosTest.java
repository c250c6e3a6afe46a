package labs.level01_independent_execution.lab01_parallel_workers;

import labs.support.Hint;
import labs.support.DependsOnCoreCount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import labs.support.Implementation;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/**
 * The failure themes for the thread-based implementations, driven by latches and barriers rather
 * than sleeps: each scenario waits for events (with a bound), so it proves the same thing on a
 * loaded CI box as on a fast laptop.
 */
@DependsOnCoreCount
class ImperativeWorkersFailureScenariosTest {

    private static final long BOUND_SECONDS = Watch.BOUND.toSeconds();

    /** The implementations that own threads: platform and virtual. */
    static Stream<Implementation<IntFunction<ParallelWorkers>>> threadBased() {
        return ParallelWorkers.IMPLEMENTATIONS.stream().filter(i -> i.name().equals("platform") || i.name().equals("virtual"));
    }

    private static void await(CountDownLatch latch) {
        try {
            Watch.await("the staged tasks", latch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @ParameterizedTest
    @MethodSource("threadBased")
    @Hint("runAll returns after the LAST task: wait for every thread you started, not for a count of results.")
    void runAllDoesNotReturnUntilTheStragglerFinishes(Implementation<IntFunction<ParallelWorkers>> impl) throws Exception {
        CountDownLatch othersDone = new CountDownLatch(3);
        CountDownLatch releaseStraggler = new CountDownLatch(1);
        List<Task<Integer>> tasks = IntStream.range(0, 4).mapToObj(id -> new Task<>(id, () -> {
            if (id == 3) {
                await(releaseStraggler);
            } else {
                othersDone.countDown();
            }
            return id;
        })).toList();

        CompletableFuture<List<Outcome<Integer>>> run = CompletableFuture.supplyAsync(() -> impl.create().apply(2).runAll(tasks));
        await(othersDone);
        assertThat(run).as("runAll returned while the straggler was still running").isNotDone();

        releaseStraggler.countDown();
        assertThat(run.get(BOUND_SECONDS, TimeUnit.SECONDS)).extracting(Outcome::taskId).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @ParameterizedTest
    @MethodSource("threadBased")
    @Hint("A bound of two means two: while one task holds its worker, the others take turns on the other one.")
    void aHogHoldsItsWorkerSoEveryOtherTaskRunsOnTheRemainingOne(Implementation<IntFunction<ParallelWorkers>> impl) throws Exception {
        CountDownLatch hogRunning = new CountDownLatch(1);
        CountDownLatch othersDone = new CountDownLatch(5);
        CountDownLatch releaseHog = new CountDownLatch(1);
        Set<String> otherThreads = ConcurrentHashMap.newKeySet();
        List<Task<String>> tasks = IntStream.range(0, 6).mapToObj(id -> new Task<>(id, () -> {
            if (id == 0) {
                hogRunning.countDown();
                await(releaseHog);
            } else {
                await(hogRunning);
                otherThreads.add(Thread.currentThread().getName());
                othersDone.countDown();
            }
            return Thread.currentThread().getName();
        })).toList();

        CompletableFuture<List<Outcome<String>>> run = CompletableFuture.supplyAsync(() -> impl.create().apply(2).runAll(tasks));
        await(othersDone); // all five others finished while the hog still held its worker
        assertThat(run).isNotDone();
        releaseHog.countDown();

        String hogThread = run.get(BOUND_SECONDS, TimeUnit.SECONDS).stream().filter(o -> o.taskId() == 0).findFirst().orElseThrow().value();
        assertThat(otherThreads).doesNotContain(hogThread);
        if (impl.name().equals("platform")) {
            assertThat(otherThreads).as("a pool of two with one hogged is a pool of one").hasSize(1);
        }
    }

    /** More workers than cores: the OS time-slices platform threads, so all of them run at once. */
    @Test
    void anOversubscribedPlatformPoolRunsEveryWorkerAtOnceByTimeSlicing() throws Exception {
        int workers = 4 * Runtime.getRuntime().availableProcessors();
        CyclicBarrier allRunning = new CyclicBarrier(workers);
        List<Task<String>> tasks = IntStream.range(0, workers).mapToObj(id -> new Task<>(id, () -> {
            allRunning.await(BOUND_SECONDS, TimeUnit.SECONDS); // trips only if every worker is in flight
            return Thread.currentThread().getName();
        })).toList();

        List<Outcome<String>> outcomes = new PlatformThreadWorkers(workers).runAll(tasks);

        assertThat(outcomes).extracting(Outcome::value).doesNotHaveDuplicates().hasSize(workers);
    }

    /** The same request on Reactor's parallel(): the scheduler has one thread per core and caps it. */
    @Test
    void reactorParallelCapsAnOversubscribedRequestAtTheCoreCount() {
        int workers = 4 * Runtime.getRuntime().availableProcessors();
        List<Task<String>> tasks = IntStream.range(0, 4 * workers)
                .mapToObj(id -> new Task<>(id, () -> Thread.currentThread().getName())).toList();

        List<Outcome<String>> outcomes = new ReactorWorkers(workers).runAll(tasks);

        assertThat(outcomes.stream().map(Outcome::thread).distinct().count())
                .isLessThanOrEqualTo(Schedulers.DEFAULT_POOL_SIZE);
    }

    @ParameterizedTest
    @MethodSource("threadBased")
    @Hint("After the first failure, interrupt the tasks still running and wait until they have ended before throwing.")
    void aFailureInterruptsTheSiblingsStillRunningAndWaitsForThem(Implementation<IntFunction<ParallelWorkers>> impl) {
        CountDownLatch siblingRunning = new CountDownLatch(1);
        CountDownLatch siblingInterrupted = new CountDownLatch(1);
        List<Task<Integer>> tasks = List.of(
                new Task<>(0, () -> {
                    siblingRunning.countDown();
                    try {
                        new CountDownLatch(1).await(BOUND_SECONDS, TimeUnit.SECONDS); // waits until interrupted
                    } catch (InterruptedException e) {
                        siblingInterrupted.countDown();
                    }
                    return 0;
                }),
                new Task<>(1, () -> {
                    await(siblingRunning);
                    throw new IllegalStateException("task 1 fails while task 0 runs");
                }));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> impl.create().apply(2).runAll(tasks))
                .isInstanceOf(WorkerFailedException.class).hasMessageContaining("task 1 failed");
        // runAll has returned: the sibling must already have been interrupted, not merely asked.
        assertThat(siblingInterrupted.getCount()).as("sibling interrupted before runAll returned").isZero();
    }
}
