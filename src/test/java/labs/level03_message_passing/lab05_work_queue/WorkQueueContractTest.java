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
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab05 contract (see {@link WorkQueue} and the lab's README), checked once for every
 * implementation in {@link WorkQueue#IMPLEMENTATIONS}; the reports name each one
 * ({@code [3] reactor}). Jobs that must be "running" wait on latches with a bound, never on a clock.
 */
class WorkQueueContractTest {

    static Stream<Implementation<WorkQueue.Starter>> implementations() {
        return WorkQueue.IMPLEMENTATIONS.stream();
    }

    private static final long BOUND_SECONDS = Watch.BOUND.toSeconds();

    private static void await(String what, CountDownLatch latch) {
        try {
            Watch.await(what, latch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for: " + what, e);
        }
    }

    /** Waits (bounded) for the event "this queue refuses work as shut down"; a probe job is never accepted. */
    private static void awaitShutDown(WorkQueue queue) {
        Watch.until("submit refuses as shut down", () -> {
            try {
                if (queue.submit(new Job(-1, () -> {
                    throw new AssertionError("the probe job must never run");
                }))) {
                    throw new AssertionError("the probe job was accepted by a queue being shut down");
                }
                return false;
            } catch (IllegalStateException shutDown) {
                return true;
            }
        });
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Several producers submit at once: the queue, not the producers, must make each job run exactly once.")
    void everyJobFromSeveralProducersFinishesExactlyOnceAfterGracefulShutdown(Implementation<WorkQueue.Starter> impl) throws Exception {
        WorkQueue queue = impl.create().start(3, 200);
        ConcurrentHashMap<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> producers = IntStream.range(0, 3).mapToObj(p -> CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 50; i++) {
                int id = p * 1000 + i;
                assertThat(queue.submit(new Job(id, () -> (long) runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet())))
                        .as("job %d accepted by a queue of capacity 200 (150 jobs in all)", id).isTrue();
            }
        })).toList();
        CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get(BOUND_SECONDS, TimeUnit.SECONDS);

        Report report = queue.shutdownGracefully();

        assertThat(report.notRun()).as("jobs handed back by a graceful shutdown").isEmpty();
        assertThat(report.finished()).as("results after a graceful shutdown").hasSize(150).allSatisfy(r -> assertThat(r.succeeded()).as("%s", r).isTrue());
        assertThat(report.finished()).extracting(JobResult::jobId).as("job ids in the report").doesNotHaveDuplicates();
        assertThat(runs).as("jobs that ran").hasSize(150);
        assertThat(runs.values()).as("times each job ran").allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Graceful means the queued jobs still run: the shutdown returns after the last of them, never before.")
    void gracefulShutdownWaitsForQueuedJobsBehindASlowOneInsteadOfDroppingThem(Implementation<WorkQueue.Starter> impl) throws Exception {
        WorkQueue queue = impl.create().start(1, 3); // jobs 1-3 fill it, so the probe in awaitShutDown is refused, not queued
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        AtomicReference<Staged<Report>> shutdownSeenByJob0 = new AtomicReference<>();
        AtomicReference<Boolean> shutdownDoneWhenJob0Ended = new AtomicReference<>();
        queue.submit(new Job(0, () -> {
            slowStarted.countDown();
            await("the test releases job 0", releaseSlow);
            // Released only once the shutdown is in force: it must still be waiting for this job.
            shutdownDoneWhenJob0Ended.set(shutdownSeenByJob0.get().outcomeSoFar() != null);
            return 0L;
        }));
        await("job 0 starts", slowStarted);
        for (int id = 1; id <= 3; id++) {
            long value = id;
            assertThat(queue.submit(new Job(id, () -> value))).as("job %d queued behind job 0", id).isTrue();
        }

        Staged<Report> shutdown = Staged.start("lab05-test-shutdown", queue::shutdownGracefully);
        shutdownSeenByJob0.set(shutdown);
        try {
            awaitShutDown(queue); // the shutdown call has been made and is in force (submit refuses)
        } finally {
            releaseSlow.countDown();
        }

        Report report = shutdown.join().value();
        assertThat(shutdownDoneWhenJob0Ended.get()).as("graceful shutdown had returned before job 0 ended").isFalse();
        assertThat(report.finished()).extracting(JobResult::jobId).as("jobs run, in order, by the only worker").containsExactly(0, 1, 2, 3);
        assertThat(report.notRun()).as("jobs handed back by a graceful shutdown").isEmpty();
    }

    /**
     * One shared queue, not one per worker: with job 0 held on one worker, every quick job must run
     * on the other. A per-thread task queue (Reactor's {@code newBoundedElastic}) can park a quick job
     * behind job 0 while a worker idles — then this waits out its bound and fails.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A free worker must take the next job: one queue shared by all workers, not one queue per worker.")
    void aFreeWorkerTakesTheNextJobWhileAnotherIsHeldBySlowOne(Implementation<WorkQueue.Starter> impl) {
        WorkQueue queue = impl.create().start(2, 8);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        CountDownLatch quickDone = new CountDownLatch(5);
        queue.submit(new Job(0, () -> {
            slowStarted.countDown();
            await("the test releases job 0", releaseSlow);
            return 0L;
        }));
        await("job 0 starts", slowStarted);
        for (int id = 1; id <= 5; id++) {
            long value = id;
            assertThat(queue.submit(new Job(id, () -> {
                quickDone.countDown();
                return value;
            }))).as("job %d accepted", id).isTrue();
        }
        try {
            await("the five quick jobs run on the free worker while job 0 holds the other", quickDone);
        } finally {
            releaseSlow.countDown();
        }

        Report report = queue.shutdownGracefully();
        assertThat(report.finished()).extracting(JobResult::jobId).as("jobs run").containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("After shutdownNow no queued job may start: check a stop flag right before a job would start, and hand the job back.")
    void shutdownNowStartsNoQueuedJobAndHandsEveryOneBack(Implementation<WorkQueue.Starter> impl) throws Exception {
        WorkQueue queue = impl.create().start(1, 4);
        CountDownLatch runningStarted = new CountDownLatch(1);
        CountDownLatch releaseRunning = new CountDownLatch(1);
        List<Integer> ran = new ArrayList<>();
        queue.submit(new Job(0, () -> {
            runningStarted.countDown();
            await("the test releases job 0", releaseRunning);
            synchronized (ran) {
                ran.add(0);
            }
            return 0L;
        }));
        await("job 0 starts", runningStarted);
        for (int id = 1; id <= 4; id++) {
            int jobId = id;
            assertThat(queue.submit(new Job(id, () -> {
                synchronized (ran) {
                    ran.add(jobId);
                }
                return (long) jobId;
            }))).as("job %d queued behind job 0", id).isTrue();
        }

        Staged<Report> shutdown = Staged.start("lab05-test-shutdown-now", queue::shutdownNow);
        try {
            awaitShutDown(queue); // the stop is in force (submit refuses) before job 0 lets its worker go
        } finally {
            releaseRunning.countDown();
        }
        Report report = shutdown.join().value();

        assertThat(report.finished()).extracting(JobResult::jobId).as("jobs that ran to the end").containsExactly(0);
        assertThat(report.notRun()).extracting(Job::id).as("jobs handed back").containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(report.accountedFor()).as("finished + notRun, for 5 accepted").isEqualTo(5);
        assertThat(ran).as("jobs that ran").containsExactly(0);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A job's exception is data: settle it into a failed result where the job runs, so it never reaches (and ends) the workers.")
    void aThrowingJobIsReportedFailedAndTheWorkersCarryOn(Implementation<WorkQueue.Starter> impl) {
        WorkQueue queue = impl.create().start(2, 20);
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

        assertThat(report.finished()).as("results of 10 jobs, one of them throwing").hasSize(10);
        assertThat(report.finished()).filteredOn(r -> !r.succeeded()).as("failed results").singleElement()
                .satisfies(r -> assertThat(r.jobId()).as("the failed job").isEqualTo(3))
                .satisfies(r -> assertThat(r.result().error()).as("its failure").isSameAs(boom));
        assertThat(report.failedCount()).as("failed count").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A job that returns null has no value: that is a failed result (as Result.of says), not a job that vanishes.")
    void aJobThatReturnsNullIsAFailedResultNotALostOne(Implementation<WorkQueue.Starter> impl) {
        WorkQueue queue = impl.create().start(1, 4);
        queue.submit(new Job(1, () -> null));
        queue.submit(new Job(2, () -> 2L));

        Report report = queue.shutdownGracefully();

        assertThat(report.finished()).extracting(JobResult::jobId).as("jobs with a result").containsExactly(1, 2);
        assertThat(report.finished().getFirst().result()).as("job 1's result")
                .isInstanceOfSatisfying(Result.Failure.class, f -> assertThat(f.error()).isInstanceOf(NullPointerException.class));
    }

    /** Guards the rule "catch Exception, never Error": an Error turned into a failed result would pass everything else. */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An Error is the JVM's (or a test's) trouble, not the job's failure: never turn it into a result; let the shutdown rethrow it, after the threads have ended.")
    void anErrorThrownByAJobIsRethrownAsItIsByTheShutdownOnceTheWorkersHaveEnded(Implementation<WorkQueue.Starter> impl) {
        WorkQueue queue = impl.create().start(1, 4);
        JobError error = new JobError("job 1 breaks the JVM's rules");
        AtomicReference<Thread> worker = new AtomicReference<>();
        queue.submit(new Job(1, () -> {
            worker.set(Thread.currentThread());
            throw error;
        }));

        assertThatThrownBy(queue::shutdownGracefully).as("what the shutdown threw").isSameAs(error);
        assertThat(worker.get()).as("the worker that ran job 1").isNotNull();
        assertThat(worker.get().isAlive()).as("the worker %s still alive when the shutdown threw", worker.get().getName()).isFalse();
    }

    /** An Error of the test's own: no library treats it as fatal, so it travels like any Error. */
    private static final class JobError extends Error {
        JobError(String message) {
            super(message);
        }
    }

    /**
     * The slow-worker scenario: the only worker is held, the queue fills, and the next submit is
     * refused. Guards against the tempting "fix" of an unbounded buffer, which would accept it.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The bound is the point: when capacity jobs wait, submit answers false at once — no waiting, no growing buffer.")
    void aSlowWorkerFillsTheQueueAndTheNextSubmitIsRefusedNotBuffered(Implementation<WorkQueue.Starter> impl) {
        WorkQueue queue = impl.create().start(1, 2);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        queue.submit(new Job(0, () -> {
            slowStarted.countDown();
            await("the test releases job 0", releaseSlow);
            return 0L;
        }));
        await("job 0 starts", slowStarted);

        assertThat(queue.submit(new Job(1, () -> 1L))).as("a first job queued behind a busy worker, capacity 2").isTrue();
        assertThat(queue.submit(new Job(2, () -> 2L))).as("a second job queued behind a busy worker, capacity 2").isTrue();
        assertThat(queue.submit(new Job(3, () -> 3L))).as("a third job queued behind a busy worker, capacity 2").isFalse();

        releaseSlow.countDown();
        Report report = queue.shutdownGracefully();
        assertThat(report.finished()).extracting(JobResult::jobId).as("jobs run: the refused one was never accepted").containsExactly(0, 1, 2);
    }

    /**
     * In-flight bound under backpressure: accepted-but-unfinished never exceeds workers + capacity,
     * and never more than {@code workers} run at once. Jobs are held on a gate the producer opens one
     * job at a time when it is refused, so jobs really overlap and the queue really fills.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Count a job against the capacity from its submit until a worker starts it; at most `workers` run at once.")
    void acceptedButUnfinishedJobsNeverExceedWorkersPlusCapacity(Implementation<WorkQueue.Starter> impl) {
        int workers = 2;
        int capacity = 3;
        WorkQueue queue = impl.create().start(workers, capacity);
        Semaphore gate = new Semaphore(0);
        AtomicInteger unfinished = new AtomicInteger();
        AtomicInteger maxUnfinished = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        int accepted = 0;
        int refused = 0;
        long deadline = System.nanoTime() + Watch.BOUND.toNanos();
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

        assertThat(report.finished()).as("results").hasSize(300).allSatisfy(r -> assertThat(r.succeeded()).as("%s", r).isTrue());
        assertThat(refused).as("refusals: held jobs must fill a queue of " + capacity).isPositive();
        assertThat(maxRunning.get()).as("most jobs running at once").isBetween(1, workers);
        assertThat(maxUnfinished.get()).as("most jobs accepted but unfinished, seen by the producer").isLessThanOrEqualTo(workers + capacity);
    }

    /** Guards against the "fix" of one worker whatever N says: two jobs must be able to wait for each other. */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("N workers means N jobs really running at the same time, on N threads.")
    void twoWorkersReallyRunTwoJobsAtOnce(Implementation<WorkQueue.Starter> impl) {
        WorkQueue queue = impl.create().start(2, 4);
        CyclicBarrier both = new CyclicBarrier(2);
        for (int id = 0; id < 2; id++) {
            queue.submit(new Job(id, () -> (long) both.await(BOUND_SECONDS, TimeUnit.SECONDS)));
        }

        Report report = queue.shutdownGracefully();

        assertThat(report.finished()).as("results of two jobs that meet at a barrier").hasSize(2)
                .allSatisfy(r -> assertThat(r.succeeded()).as("%s", r).isTrue());
        assertThat(report.finished()).extracting(JobResult::thread).as("threads that ran them").doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Once shut down, a queue says so in one line and runs nothing more; a second shutdown is bad input too.")
    void submitAfterShutdownIsRejectedWithOneLineAndNothingRuns(Implementation<WorkQueue.Starter> impl) {
        WorkQueue queue = impl.create().start(1, 1);
        queue.shutdownGracefully();
        AtomicInteger ran = new AtomicInteger();

        assertThatThrownBy(() -> queue.submit(new Job(7, () -> (long) ran.incrementAndGet())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("work queue '" + queue.name() + "' is shut down: job 7 rejected");
        assertThatThrownBy(queue::shutdownNow).hasMessage("work queue '" + queue.name() + "' is already shut down");
        assertThat(ran.get()).as("times the rejected job ran").isZero();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Bad input is refused before it changes anything: the queue goes on working.")
    void aNullJobIsRejectedAndTheQueueStaysUsable(Implementation<WorkQueue.Starter> impl) {
        WorkQueue queue = impl.create().start(1, 1);
        assertThatThrownBy(() -> queue.submit(null)).isInstanceOf(NullPointerException.class).hasMessage("job must not be null");
        queue.submit(new Job(1, () -> 1L));
        assertThat(queue.shutdownGracefully().finished()).extracting(JobResult::jobId).as("jobs run after the null was refused").containsExactly(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check the arguments before creating any thread or pool: bad input starts nothing.")
    void zeroOrNegativeWorkersOrCapacityAreRejectedBeforeAnyThreadStarts(Implementation<WorkQueue.Starter> impl) {
        assertThatThrownBy(() -> impl.create().start(0, 4)).isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be >= 1 (got 0)");
        assertThatThrownBy(() -> impl.create().start(-2, 4)).hasMessage("workers must be >= 1 (got -2)");
        assertThatThrownBy(() -> impl.create().start(2, 0)).hasMessage("capacity must be >= 1 (got 0)");
        assertThatThrownBy(() -> new Job(1, null)).hasMessage("job 1 has no body");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Workers that wait for jobs must be told there are none left (a poison pill, a completed sink), or they wait for ever.")
    void shuttingDownAnIdleQueueEndsItsWorkersAndReportsNothing(Implementation<WorkQueue.Starter> impl) {
        Report report = impl.create().start(4, 4).shutdownGracefully();
        assertThat(report.finished()).as("results of an idle queue").isEmpty();
        assertThat(report.notRun()).as("jobs handed back by an idle queue").isEmpty();
        // The leak check then proves the workers ended: nothing this test started may outlive it.
    }
}
