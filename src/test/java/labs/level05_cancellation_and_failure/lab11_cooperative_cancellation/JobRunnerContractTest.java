package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
 * The lab11 contract (see {@link JobRunner} and the lab's README), checked once for every
 * implementation in {@link JobRunner#IMPLEMENTATIONS}; the reports name each one. Steps that must be
 * "running" wait on latches or for their interrupt, with a bound: every staged state is an event.
 */
class JobRunnerContractTest {

    static Stream<Implementation<Supplier<JobRunner>>> implementations() {
        return JobRunner.IMPLEMENTATIONS.stream();
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

    /**
     * A blocking call that only an interrupt ends (bounded, so a job nobody interrupts still ends):
     * returns whether the interrupt came.
     */
    private static boolean waitForTheInterrupt() {
        try {
            return new CountDownLatch(1).await(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Acquire once, run each step once in order, release once after the last one; the steps run on the job's thread, not the caller's.")
    void aJobNobodyCancelsRunsEveryStepOnceInOrderAndReleasesOnce(Implementation<Supplier<JobRunner>> impl) {
        TrackedResource tracked = new TrackedResource();

        Report report = impl.create().get().start(tracked.job(5, index -> index * 10L)).await();

        assertThat(report).as("the report of a job nobody cancelled").isEqualTo(Report.completed(5));
        assertThat(tracked.started()).as("steps started, in order").containsExactly(0, 1, 2, 3, 4);
        assertThat(tracked.acquired()).as("acquires").isEqualTo(1);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
        assertThat(tracked.usedAfterRelease()).as("a step used the resource after its release").isFalse();
        assertThat(tracked.threads()).as("threads the steps ran on").doesNotContain(Thread.currentThread().getName());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A job of no steps still acquires and releases, and completes at once.")
    void aJobOfNoStepsCompletesAndStillReleasesWhatItAcquired(Implementation<Supplier<JobRunner>> impl) {
        TrackedResource tracked = new TrackedResource();

        assertThat(impl.create().get().start(tracked.job(0, index -> index)).await()).as("report").isEqualTo(Report.completed(0));
        assertThat(tracked.acquired()).as("acquires").isEqualTo(1);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A sleep, a lock or a queue never reads your flag: only an interrupt wakes a step blocked there. Does your cancel reach the step's thread?")
    void cancelInterruptsAStepBlockedInAnInterruptibleWait(Implementation<Supplier<JobRunner>> impl) {
        TrackedResource tracked = new TrackedResource();
        CountDownLatch blocked = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        RunningJob job = impl.create().get().start(tracked.job(5, index -> {
            if (index == 2) {
                blocked.countDown();
                new CountDownLatch(1).await(BOUND_SECONDS, TimeUnit.SECONDS); // only an interrupt ends this early
                throw new AssertionError("step 2 was waited out, never interrupted");
            }
            return index;
        }));
        await("step 2 blocks", blocked);

        Report report = job.cancel();

        assertThat(report).as("the report of a job cancelled in step 2").isEqualTo(Report.cancelled(2));
        assertThat(tracked.started()).as("steps started").containsExactly(0, 1, 2);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    /**
     * Guards against stopping only between steps by chance: step 1 returns normally — after it has
     * been interrupted, so the cancel has surely been requested — and still no later step may start.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check for the cancel before every step, not only inside the blocking calls: a step may finish normally after the request.")
    void noStepStartsAfterTheCancelEvenWhenTheRunningOneEndsNormally(Implementation<Supplier<JobRunner>> impl) throws Exception {
        TrackedResource tracked = new TrackedResource();
        CountDownLatch running = new CountDownLatch(1);
        RunningJob job = impl.create().get().start(tracked.job(10, index -> {
            if (index == 1) {
                running.countDown();
                waitForTheInterrupt(); // then return normally, like a step that saves its progress and ends
            }
            return index;
        }));
        await("step 1 runs", running);

        Report report = job.cancel();

        assertThat(tracked.started()).as("steps started: none after the cancel").containsExactly(0, 1);
        assertThat(report.ending()).as("ending").isEqualTo(Ending.CANCELLED);
        assertThat(report.items()).as("items: step 0's, and step 1's if it was delivered before the stop").isBetween(1, 2);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    /**
     * Guards against the reactive shortcut: {@code dispose()} returns while the step it cancelled is
     * still running, and a cleanup that runs then releases the resource under that step's feet. Step
     * 1 sees its interrupt and goes on using the resource until the test lets it return.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Cancelling a subscription does not stop a callable that is running. The release must wait until the step has returned — and so must cancel().")
    void theResourceIsReleasedOnlyAfterTheRunningStepHasReturned(Implementation<Supplier<JobRunner>> impl) throws Exception {
        TrackedResource tracked = new TrackedResource();
        CountDownLatch interruptSeen = new CountDownLatch(1);
        CountDownLatch mayReturn = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        RunningJob job = impl.create().get().start(tracked.job(3, index -> {
            if (index == 1) {
                running.countDown();
                waitForTheInterrupt();
                interruptSeen.countDown();
                while (mayReturn.getCount() > 0) {
                    // still working with the resource, ignoring the interrupt for a while (an uninterruptible call)
                    Thread.onSpinWait();
                }
            }
            return index;
        }));
        await("step 1 runs", running);

        Staged<Report> cancel = Staged.start("canceller", job::cancel);
        await("step 1 is interrupted", interruptSeen);
        boolean releasedWhileTheStepRan = tracked.released() > 0;
        boolean cancelReturnedWhileTheStepRan = cancel.outcomeSoFar() != null;
        mayReturn.countDown();
        Result<Report> cancelled = cancel.join();

        assertThat(releasedWhileTheStepRan).as("released while step 1 was still running").isFalse();
        assertThat(cancelReturnedWhileTheStepRan).as("cancel() returned while step 1 was still running").isFalse();
        assertThat(cancelled.value().ending()).as("ending").isEqualTo(Ending.CANCELLED);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
        assertThat(tracked.releasedUnderAStep()).as("released under a running step").isFalse();
        assertThat(tracked.started()).as("steps started").containsExactly(0, 1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Decide the ending once: a cancel after the job ended by itself changes nothing, and cancel() and await() tell the same story.")
    void aCancelAfterTheJobEndedIsANoOpAndEveryCallReportsTheSameEnding(Implementation<Supplier<JobRunner>> impl) {
        TrackedResource tracked = new TrackedResource();
        RunningJob job = impl.create().get().start(tracked.job(3, index -> index));

        Report awaited = job.await();

        assertThat(job.cancel()).as("cancel() after the end").isEqualTo(awaited);
        assertThat(job.cancel()).as("a second cancel()").isEqualTo(awaited);
        assertThat(job.await()).as("a second await()").isEqualTo(awaited);
        assertThat(awaited).as("report").isEqualTo(Report.completed(3));
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Two cancels race for one decision: the second must find it made, and must not release again.")
    void twoCancelsAtOnceAreOneCancel(Implementation<Supplier<JobRunner>> impl) throws Exception {
        TrackedResource tracked = new TrackedResource();
        CountDownLatch blocked = new CountDownLatch(1);
        RunningJob job = impl.create().get().start(tracked.job(3, index -> {
            blocked.countDown();
            waitForTheInterrupt();
            return index;
        }));
        await("step 0 blocks", blocked);

        Staged<Report> first = Staged.start("first canceller", job::cancel);
        Staged<Report> second = Staged.start("second canceller", job::cancel);

        assertThat(first.join().value()).as("the two cancels' reports").isEqualTo(second.join().value());
        assertThat(first.join().value().ending()).as("ending").isEqualTo(Ending.CANCELLED);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    /**
     * Cancel during cleanup: the job has completed and is releasing (the release waits, interruptibly,
     * for the test). A cancel now must find the ending decided, and must not interrupt the release.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Decide COMPLETED before the cleanup starts, and never interrupt a job that has stopped stepping: the cleanup must finish.")
    void aCancelDuringTheReleaseNeitherInterruptsItNorChangesTheEnding(Implementation<Supplier<JobRunner>> impl) throws Exception {
        CountDownLatch releasing = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicBoolean releaseInterrupted = new AtomicBoolean();
        TrackedResource tracked = new TrackedResource().onRelease(() -> {
            releasing.countDown();
            try {
                if (!mayFinish.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("the test never let the release finish");
                }
            } catch (InterruptedException e) {
                releaseInterrupted.set(true); // the flush was cut short: the resource is half released
            }
        });
        RunningJob job = impl.create().get().start(tracked.job(2, index -> index));
        await("the job releases its resource", releasing);

        Staged<Report> cancel = Staged.start("canceller", job::cancel);
        // An interrupt, if the cancel sends one, comes before the canceller waits: wait for either.
        Watch.until("the canceller waits or returns", () -> Watch.isParked(cancel.thread()) || cancel.outcomeSoFar() != null);
        mayFinish.countDown();

        assertThat(cancel.join().value()).as("the report of a job cancelled during its release").isEqualTo(Report.completed(2));
        assertThat(releaseInterrupted.get()).as("the release was interrupted").isFalse();
        assertThat(tracked.released()).as("releases").isEqualTo(1);
        assertThat(job.await()).as("await() after it").isEqualTo(Report.completed(2));
    }

    /**
     * Step 1 notices its interrupt without clearing it ({@code isInterrupted()}) and returns: the
     * job stops, and its release must not start with that interrupt still pending (a flush that
     * waits would fail at once).
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The cancel's interrupt belongs to the step it was aimed at: clear it before the cleanup runs.")
    void aCancelledJobReleasesWithNoInterruptPending(Implementation<Supplier<JobRunner>> impl) {
        AtomicBoolean pendingAtRelease = new AtomicBoolean();
        TrackedResource tracked = new TrackedResource().onRelease(() -> pendingAtRelease.set(Thread.currentThread().isInterrupted()));
        CountDownLatch running = new CountDownLatch(1);
        RunningJob job = impl.create().get().start(tracked.job(3, index -> {
            if (index == 1) {
                running.countDown();
                long deadline = System.nanoTime() + Watch.BOUND.toNanos();
                while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // CPU work that looks at the flag, and leaves it set
                }
            }
            return index;
        }));
        await("step 1 runs", running);

        assertThat(job.cancel().ending()).as("ending").isEqualTo(Ending.CANCELLED);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
        assertThat(pendingAtRelease.get()).as("an interrupt was pending when the release began").isFalse();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A cancel may come before the job's thread or subscription has even started: it must still stop it, and return.")
    void aCancelRightAfterStartStopsTheJobWhereverItHadGot(Implementation<Supplier<JobRunner>> impl) {
        for (int attempt = 0; attempt < 20; attempt++) {
            TrackedResource tracked = new TrackedResource();
            // The last step waits for the interrupt, so the job cannot end by itself however long the
            // caller is descheduled after start(): only the cancel ends it, wherever it lands.
            RunningJob job = impl.create().get().start(tracked.job(1_000, index -> {
                if (index == 999) {
                    waitForTheInterrupt();
                }
                return index;
            }));

            Report report = job.cancel();

            assertThat(report.ending()).as("ending, attempt " + attempt).isEqualTo(Ending.CANCELLED);
            assertThat(tracked.started().size() - report.items()).as("steps started but not delivered (at most the one the cancel cut short), attempt " + attempt)
                    .isBetween(0, 1);
            assertThat(tracked.released()).as("releases (one per acquire), attempt " + attempt).isEqualTo(tracked.acquired());
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Cancel before the first step: nothing may start, and what was acquired (if anything) is released.")
    void aCancelWhileAcquiringStartsNoStepAndLeavesNothingHeld(Implementation<Supplier<JobRunner>> impl) {
        CountDownLatch acquiring = new CountDownLatch(1);
        TrackedResource tracked = new TrackedResource();
        Job job = new Job(3, () -> {
            acquiring.countDown();
            new CountDownLatch(1).await(BOUND_SECONDS, TimeUnit.SECONDS); // a slow connect, ended by the interrupt
            return tracked.acquire();
        }, tracked.job(3, index -> index).step());
        RunningJob running = impl.create().get().start(job);
        await("the job acquires", acquiring);

        Report report = running.cancel();

        assertThat(report).as("report").isEqualTo(Report.cancelled(0));
        assertThat(tracked.started()).as("steps started").isEmpty();
        assertThat(tracked.released()).as("releases (one per acquire)").isEqualTo(tracked.acquired());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A step's exception ends the job FAILED with that exception; nothing after it runs; the resource is still released.")
    void aFailingStepEndsTheJobFailedRunsNothingAfterItAndReleases(Implementation<Supplier<JobRunner>> impl) {
        TrackedResource tracked = new TrackedResource();
        IllegalStateException boom = new IllegalStateException("step 2 breaks");

        Report report = impl.create().get().start(tracked.job(5, index -> {
            if (index == 2) {
                throw boom;
            }
            return index;
        })).await();

        assertThat(report).as("report").isEqualTo(Report.failed(2, boom));
        assertThat(tracked.started()).as("steps started").containsExactly(0, 1, 2);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An acquire that throws is the job's failure: no step runs, and there is nothing to release.")
    void aFailingAcquireEndsTheJobFailedWithNoStep(Implementation<Supplier<JobRunner>> impl) {
        TrackedResource tracked = new TrackedResource();
        IllegalStateException refused = new IllegalStateException("connection refused");
        Job job = new Job(3, () -> {
            throw refused;
        }, tracked.job(3, index -> index).step());

        assertThat(impl.create().get().start(job).await()).as("report").isEqualTo(Report.failed(0, refused));
        assertThat(tracked.started()).as("steps started").isEmpty();
        assertThat(tracked.released()).as("releases").isZero();
    }

    /** Not the job's failure: the JVM's or the harness's. */
    private static final class StepError extends Error {
        StepError(String message) {
            super(message);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Catch Exception, never Error: an Error from a step comes out of await() and cancel() as it is, after the release.")
    void anErrorFromAStepIsRethrownAsItIsAfterTheRelease(Implementation<Supplier<JobRunner>> impl) {
        TrackedResource tracked = new TrackedResource();
        StepError error = new StepError("not a failure of the job");
        RunningJob job = impl.create().get().start(tracked.job(3, index -> {
            if (index == 1) {
                throw error;
            }
            return index;
        }));

        assertThatThrownBy(job::await).as("what await() threw").isSameAs(error);
        assertThatThrownBy(job::cancel).as("what cancel() threw").isSameAs(error);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A waiter that is interrupted passes it on: cancel the job, set the flag again, report the cancelled job.")
    void aWaiterThatIsInterruptedCancelsTheJobAndKeepsItsInterruptFlag(Implementation<Supplier<JobRunner>> impl) throws Exception {
        TrackedResource tracked = new TrackedResource();
        CountDownLatch blocked = new CountDownLatch(1);
        RunningJob job = impl.create().get().start(tracked.job(4, index -> {
            if (index == 1) {
                blocked.countDown();
                waitForTheInterrupt();
            }
            return index;
        }));
        AtomicBoolean flagKept = new AtomicBoolean();
        Staged<Report> waiter = Staged.start("waiter", () -> {
            Report report = job.await();
            flagKept.set(Thread.currentThread().isInterrupted());
            return report;
        });
        await("step 1 blocks", blocked);
        Watch.until("the waiter waits", () -> Watch.isParked(waiter.thread()));

        waiter.thread().interrupt();

        assertThat(waiter.join().value().ending()).as("what the interrupted waiter reported").isEqualTo(Ending.CANCELLED);
        assertThat(flagKept.get()).as("the waiter's interrupt flag, after await() returned").isTrue();
        assertThat(tracked.started()).as("steps started").containsExactly(0, 1);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check the job before anything starts; Job checks its own fields when it is made.")
    void badInputIsRefusedInOneLineBeforeAnythingStarts(Implementation<Supplier<JobRunner>> impl) {
        assertThatThrownBy(() -> impl.create().get().start(null)).isInstanceOf(NullPointerException.class).hasMessage("job must not be null");
        assertThatThrownBy(() -> new Job(-1, TrackedResource::new, (r, i) -> i)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("steps must be >= 0 (got -1)");
        assertThatThrownBy(() -> new Job(1, null, (r, i) -> i)).hasMessage("acquire must not be null");
        assertThatThrownBy(() -> new Job(1, TrackedResource::new, null)).hasMessage("step must not be null");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Several jobs from one runner are independent: each has its own thread or subscription, its own ending and its own resource.")
    void jobsStartedFromOneRunnerAreIndependent(Implementation<Supplier<JobRunner>> impl) {
        JobRunner runner = impl.create().get();
        List<TrackedResource> tracked = IntStream.range(0, 3).mapToObj(i -> new TrackedResource()).toList();
        CountDownLatch blocked = new CountDownLatch(1);
        RunningJob cancelled = runner.start(tracked.get(0).job(3, index -> {
            blocked.countDown();
            waitForTheInterrupt();
            return index;
        }));
        RunningJob first = runner.start(tracked.get(1).job(2, index -> index));
        RunningJob second = runner.start(tracked.get(2).job(4, index -> index));
        await("the first job blocks", blocked);

        assertThat(cancelled.cancel().ending()).as("the cancelled job").isEqualTo(Ending.CANCELLED);
        assertThat(first.await()).as("its neighbour").isEqualTo(Report.completed(2));
        assertThat(second.await()).as("its other neighbour").isEqualTo(Report.completed(4));
        assertThat(tracked).as("releases per job").allSatisfy(t -> assertThat(t.released()).isEqualTo(1));
    }
}
