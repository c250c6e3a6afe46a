package labs.level03_message_passing.lab05_work_queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lab05 contract (see {@link WorkQueue} and the lab's README), checked once for every
 * implementation. Jobs that must be "running" wait on latches with a bound, never on a clock.
 */
class WorkQueueContractTest {

    private static final long BOUND_SECONDS = 10;

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("event did not happen within " + BOUND_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits (bounded) for the event "this queue refuses work as shut down"; a probe job is never accepted. */
    private static void awaitShutDown(WorkQueue queue) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (System.nanoTime() < deadline) {
            try {
                if (queue.submit(new Job(-1, () -> {
                    throw new AssertionError("the probe job must never run");
                }))) {
                    throw new AssertionError("the probe job was accepted");
                }
            } catch (IllegalStateException shutDown) {
                return;
            }
            Thread.yield();
        }
        throw new AssertionError("the queue did not shut down within " + BOUND_SECONDS + " s");
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void everyJobFromSeveralProducersFinishesExactlyOnceAfterGracefulShutdown(Implementations impl) throws Exception {
        WorkQueue queue = impl.create(3, 200);
        ConcurrentHashMap<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> producers = IntStream.range(0, 3).mapToObj(p -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 50; i++) {
                int id = p * 1000 + i;
                assertThat(queue.submit(new Job(id, () -> (long) runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet())))
                        .as("capacity 200 holds all 150 jobs").isTrue();
            }
        })).toList();
        CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get(BOUND_SECONDS, TimeUnit.SECONDS);

        Report report = queue.shutdownGracefully();

        assertThat(report.notRun()).isEmpty();
        assertThat(report.finished()).hasSize(150).allSatisfy(r -> assertThat(r.succeeded()).isTrue());
        assertThat(report.finished()).extracting(JobResult::jobId).doesNotHaveDuplicates();
        assertThat(runs).hasSize(150);
        assertThat(runs.values()).as("invocations per job").allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void gracefulShutdownWaitsForQueuedJobsBehindASlowOneInsteadOfDroppingThem(Implementations impl) throws Exception {
        WorkQueue queue = impl.create(1, 3); // jobs 1-3 fill it, so the probe in awaitShutDown is refused, not queued
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        AtomicReference<CompletableFuture<Report>> shutdownSeenByJob0 = new AtomicReference<>();
        AtomicReference<Boolean> shutdownDoneWhenJob0Ended = new AtomicReference<>();
        queue.submit(new Job(0, () -> {
            slowStarted.countDown();
            await(releaseSlow);
            // Released only once the shutdown is in force: it must still be waiting for this job.
            shutdownDoneWhenJob0Ended.set(shutdownSeenByJob0.get().isDone());
            return 0L;
        }));
        await(slowStarted);
        for (int id = 1; id <= 3; id++) {
            long value = id;
            assertThat(queue.submit(new Job(id, () -> value))).isTrue();
        }

        CompletableFuture<Report> shutdown = CompletableFuture.supplyAsync(queue::shutdownGracefully);
        shutdownSeenByJob0.set(shutdown);
        try {
            awaitShutDown(queue); // the shutdown call has been made and is in force (submit refuses)
        } finally {
            releaseSlow.countDown();
        }

        Report report = shutdown.get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertThat(shutdownDoneWhenJob0Ended.get()).as("graceful shutdown had returned before job 0 ended").isFalse();
        assertThat(report.finished()).extracting(JobResult::jobId).containsExactly(0, 1, 2, 3);
        assertThat(report.notRun()).isEmpty();
    }

    /**
     * One shared queue, not one per worker: with job 0 held on one worker, every quick job must run
     * on the other. A per-thread task queue (Reactor's {@code newBoundedElastic}) can park a quick job
     * behind job 0 while a worker idles — then this waits out its bound and fails.
     */
    @ParameterizedTest
    @EnumSource(Implementations.class)
    void aFreeWorkerTakesTheNextJobWhileAnotherIsHeldBySlowOne(Implementations impl) throws Exception {
        WorkQueue queue = impl.create(2, 8);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        CountDownLatch quickDone = new CountDownLatch(5);
        queue.submit(new Job(0, () -> {
            slowStarted.countDown();
            await(releaseSlow);
            return 0L;
        }));
        await(slowStarted);
        for (int id = 1; id <= 5; id++) {
            long value = id;
            assertThat(queue.submit(new Job(id, () -> {
                quickDone.countDown();
                return value;
            }))).isTrue();
        }
        try {
            await(quickDone); // all five on the free worker while job 0 still holds the other
        } finally {
            releaseSlow.countDown();
        }

        Report report = queue.shutdownGracefully();
        assertThat(report.finished()).extracting(JobResult::jobId).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void shutdownNowStartsNoQueuedJobAndHandsEveryOneBack(Implementations impl) throws Exception {
        WorkQueue queue = impl.create(1, 4);
        CountDownLatch runningStarted = new CountDownLatch(1);
        CountDownLatch releaseRunning = new CountDownLatch(1);
        List<Integer> ran = new ArrayList<>();
        queue.submit(new Job(0, () -> {
            runningStarted.countDown();
            await(releaseRunning);
            synchronized (ran) {
                ran.add(0);
            }
            return 0L;
        }));
        await(runningStarted);
        for (int id = 1; id <= 4; id++) {
            int jobId = id;
            queue.submit(new Job(id, () -> {
                synchronized (ran) {
                    ran.add(jobId);
                }
                return (long) jobId;
            }));
        }

        CompletableFuture<Report> shutdown = CompletableFuture.supplyAsync(queue::shutdownNow);
        awaitShutDown(queue);         // the stop is in force (submit refuses) before job 0 lets its worker go
        releaseRunning.countDown();
        Report report = shutdown.get(BOUND_SECONDS, TimeUnit.SECONDS);

        assertThat(report.finished()).extracting(JobResult::jobId).containsExactly(0);
        assertThat(report.notRun()).extracting(Job::id).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(report.accountedFor()).as("accepted = finished + notRun").isEqualTo(5);
        assertThat(ran).as("jobs that ran").containsExactly(0);
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void aThrowingJobIsReportedFailedAndTheWorkersCarryOn(Implementations impl) {
        WorkQueue queue = impl.create(2, 20);
        IllegalStateException boom = new IllegalStateException("job 3 breaks");
        for (int id = 0; id < 10; id++) {
            long value = id;
            queue.submit(new Job(id, () -> {
                if (value == 3) {
                    throw boom;
                }
                return value;
            }));
        }

        Report report = queue.shutdownGracefully();

        assertThat(report.finished()).hasSize(10);
        assertThat(report.finished()).filteredOn(r -> !r.succeeded()).singleElement()
                .satisfies(r -> assertThat(r.jobId()).isEqualTo(3))
                .satisfies(r -> assertThat(r.failure()).isSameAs(boom));
        assertThat(report.failedCount()).isEqualTo(1);
    }

    /**
     * The slow-worker scenario: the only worker is held, the queue fills, and the next submit is
     * refused. Guards against the tempting "fix" of an unbounded buffer, which would accept it.
     */
    @ParameterizedTest
    @EnumSource(Implementations.class)
    void aSlowWorkerFillsTheQueueAndTheNextSubmitIsRefusedNotBuffered(Implementations impl) throws Exception {
        WorkQueue queue = impl.create(1, 2);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        queue.submit(new Job(0, () -> {
            slowStarted.countDown();
            await(releaseSlow);
            return 0L;
        }));
        await(slowStarted);

        assertThat(queue.submit(new Job(1, () -> 1L))).isTrue();
        assertThat(queue.submit(new Job(2, () -> 2L))).isTrue();
        assertThat(queue.submit(new Job(3, () -> 3L))).as("a third job queued behind a busy worker, capacity 2").isFalse();

        releaseSlow.countDown();
        Report report = queue.shutdownGracefully();
        assertThat(report.finished()).extracting(JobResult::jobId).as("the refused job was never accepted").containsExactly(0, 1, 2);
    }

    /**
     * In-flight bound under backpressure: accepted-but-unfinished never exceeds workers + capacity,
     * and never more than {@code workers} run at once. Jobs are held on a gate the producer opens one
     * job at a time when it is refused, so jobs really overlap and the queue really fills.
     */
    @ParameterizedTest
    @EnumSource(Implementations.class)
    void acceptedButUnfinishedJobsNeverExceedWorkersPlusCapacity(Implementations impl) {
        int workers = 2;
        int capacity = 3;
        WorkQueue queue = impl.create(workers, capacity);
        Semaphore gate = new Semaphore(0);
        AtomicInteger unfinished = new AtomicInteger();
        AtomicInteger maxUnfinished = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        int accepted = 0;
        int refused = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        try {
            for (int id = 0; accepted < 300; id++) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + accepted + " of 300 jobs accepted within " + BOUND_SECONDS + " s");
                }
                unfinished.incrementAndGet(); // counted before submit, so the count can only over-estimate
                boolean taken = queue.submit(new Job(id, () -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        if (!gate.tryAcquire(BOUND_SECONDS, TimeUnit.SECONDS)) {
                            throw new AssertionError("the producer never let this job finish");
                        }
                    } finally {
                        running.decrementAndGet();
                        unfinished.decrementAndGet();
                    }
                    return 0L;
                }));
                if (taken) {
                    accepted++;
                    maxUnfinished.accumulateAndGet(unfinished.get(), Math::max);
                } else {
                    unfinished.decrementAndGet();
                    refused++;
                    if (gate.availablePermits() == 0) {
                        gate.release(); // full: let one held job finish, then retry
                    }
                    Thread.yield(); // the producer's own thread, not a worker: backing off is its job
                }
            }
        } finally {
            gate.release(1_000); // whatever happens above, no job stays held
        }

        Report report = queue.shutdownGracefully();

        assertThat(report.finished()).hasSize(300).allSatisfy(r -> assertThat(r.succeeded()).as("%s", r).isTrue());
        assertThat(refused).as("refusals: held jobs must fill a queue of " + capacity).isPositive();
        assertThat(maxRunning.get()).as("jobs running at once").isBetween(1, workers);
        assertThat(maxUnfinished.get()).as("accepted but unfinished, producer side").isLessThanOrEqualTo(workers + capacity);
    }

    /** Guards against the "fix" of one worker whatever N says: two jobs must be able to wait for each other. */
    @ParameterizedTest
    @EnumSource(Implementations.class)
    void twoWorkersReallyRunTwoJobsAtOnce(Implementations impl) {
        WorkQueue queue = impl.create(2, 4);
        CyclicBarrier both = new CyclicBarrier(2);
        for (int id = 0; id < 2; id++) {
            queue.submit(new Job(id, () -> (long) both.await(BOUND_SECONDS, TimeUnit.SECONDS)));
        }

        Report report = queue.shutdownGracefully();

        assertThat(report.finished()).as("both met at the barrier").hasSize(2).allSatisfy(r -> assertThat(r.succeeded()).as("%s", r).isTrue());
        assertThat(report.finished()).extracting(JobResult::thread).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void submitAfterShutdownIsRejectedWithOneLineAndNothingRuns(Implementations impl) {
        WorkQueue queue = impl.create(1, 1);
        queue.shutdownGracefully();
        AtomicInteger ran = new AtomicInteger();

        assertThatThrownBy(() -> queue.submit(new Job(7, () -> (long) ran.incrementAndGet())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("work queue '" + queue.name() + "' is shut down: job 7 rejected");
        assertThatThrownBy(queue::shutdownNow).hasMessage("work queue '" + queue.name() + "' is already shut down");
        assertThat(ran.get()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void aNullJobIsRejectedAndTheQueueStaysUsable(Implementations impl) {
        WorkQueue queue = impl.create(1, 1);
        assertThatThrownBy(() -> queue.submit(null)).isInstanceOf(NullPointerException.class).hasMessage("job must not be null");
        queue.submit(new Job(1, () -> 1L));
        assertThat(queue.shutdownGracefully().finished()).extracting(JobResult::jobId).containsExactly(1);
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void zeroOrNegativeWorkersOrCapacityAreRejectedBeforeAnyThreadStarts(Implementations impl) {
        assertThatThrownBy(() -> impl.create(0, 4)).isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be >= 1 (got 0)");
        assertThatThrownBy(() -> impl.create(-2, 4)).hasMessage("workers must be >= 1 (got -2)");
        assertThatThrownBy(() -> impl.create(2, 0)).hasMessage("capacity must be >= 1 (got 0)");
        assertThatThrownBy(() -> new Job(1, null)).hasMessage("job 1 has no body");
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void shuttingDownAnIdleQueueEndsItsWorkersAndReportsNothing(Implementations impl) {
        Report report = impl.create(4, 4).shutdownGracefully();
        assertThat(report.finished()).isEmpty();
        assertThat(report.notRun()).isEmpty();
        // The leak check then proves the workers ended: nothing this test started may outlive it.
    }

    /**
     * The job stream itself fails (here: its lent scheduler is already disposed, so the job is
     * rejected). The shutdown must not just rethrow the join's exception: it reports the failure with
     * what had settled and how many accepted jobs were lost.
     */
    @Test
    void aFailedJobStreamIsReportedWithThePartialReportAndTheLostCount() {
        Scheduler disposed = Schedulers.newSingle("lab05-disposed");
        disposed.dispose();
        ReactorWorkQueue queue = new ReactorWorkQueue(1, 4, disposed);
        assertThat(queue.submit(new Job(1, () -> 1L))).isTrue();

        assertThatThrownBy(queue::shutdownGracefully)
                .isInstanceOfSatisfying(WorkQueueFailedException.class, e -> {
                    assertThat(e.lost()).isEqualTo(1);
                    assertThat(e.partialReport().finished()).isEmpty();
                })
                .hasMessageStartingWith("work queue 'reactor' failed: ")
                .hasMessageEndingWith("0 finished, 0 not run, 1 of 1 accepted lost");
    }
}
