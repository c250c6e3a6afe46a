package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import labs.support.Fixture;
import labs.support.Hint;
import labs.support.Threads;
import labs.support.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * "A task that ignores cancellation": {@link SwallowsInterruptRunner} swallows the interrupt its
 * cancel sends and goes on with the next step. Caught twice: by a probe (steps that start after
 * {@code cancel()} has returned "cancelled") and by the suite's leak check (run on a fixture of its
 * own, which the leak check fails, naming the thread). The same job through
 * {@link PlatformThreadRunner} stops at the step it was in.
 */
class SwallowsInterruptRunnerTest {

    /** Holds the fixture's abandoned job in a step until this test has seen the leak report. */
    static volatile CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheAbandonedJob() {
        release.countDown();
        List<Thread> abandoned = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("lab11-swallowing-")).toList();
        Threads.awaitEnd("the swallowing fixture's job, once released", abandoned, null);
        release = new CountDownLatch(1);
    }

    /** Step 1 waits until it is interrupted (bounded); step 3 waits for {@code mayEnd}. */
    private static Job stepsAfterTheInterrupt(TrackedResource tracked, CountDownLatch inStepOne, CountDownLatch mayEnd) {
        return tracked.job(4, index -> {
            if (index == 1) {
                inStepOne.countDown();
                new CountDownLatch(1).await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS);
            }
            if (index == 3 && !mayEnd.await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let step 3 end");
            }
            return index;
        });
    }

    @Test
    @Hint("An interrupt that is caught and ignored is a cancel that never happened. The job must end when its step is interrupted.")
    void aJobThatSwallowsTheInterruptStartsMoreStepsAfterCancelSaidCancelled() throws Exception {
        TrackedResource tracked = new TrackedResource();
        CountDownLatch inStepOne = new CountDownLatch(1);
        CountDownLatch mayEnd = new CountDownLatch(1);
        RunningJob job = new SwallowsInterruptRunner().start(stepsAfterTheInterrupt(tracked, inStepOne, mayEnd));
        Watch.await("step 1 runs", inStepOne);

        Report said = job.cancel();
        Watch.until("step 3 starts after cancel() returned", () -> tracked.started().contains(3));
        List<Integer> startedAfterTheCancel = tracked.started();
        mayEnd.countDown();
        job.await(); // the cleanup: let the abandoned job run out, and join its thread

        assertThat(said.ending()).as("what cancel() said").isEqualTo(Ending.CANCELLED);
        assertThat(startedAfterTheCancel).as("steps started, though cancel() had returned after step 1").containsExactly(0, 1, 2, 3);
        assertThat(tracked.released()).as("releases, at the job's own end").isEqualTo(1);
    }

    @Test
    void theSameJobThroughPlatformThreadRunnerStopsInTheStepItWasIn() throws Exception {
        TrackedResource tracked = new TrackedResource();
        CountDownLatch inStepOne = new CountDownLatch(1);
        CountDownLatch mayEnd = new CountDownLatch(1);
        mayEnd.countDown();
        RunningJob job = new PlatformThreadRunner().start(stepsAfterTheInterrupt(tracked, inStepOne, mayEnd));
        Watch.await("step 1 runs", inStepOne);

        assertThat(job.cancel()).as("report").isEqualTo(Report.cancelled(1));
        assertThat(tracked.started()).as("steps started").containsExactly(0, 1);
        assertThat(tracked.released()).as("releases").isEqualTo(1);
    }

    @Test
    void theLeakCheckReportsTheJobThatKeptRunning() {
        Events tests = run("cancelsAJobThatIgnoresIt");

        assertThat(tests.failed().count()).as("fixture runs failed by the leak check").isEqualTo(1);
        assertThat(message(tests)).as("the leak check's report").startsWith("Thread leak: ").contains("\"lab11-swallowing-");
    }

    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.ENABLED, "true")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("labs.leakcheck.grace", "200ms")
                .selectors(selectMethod(SwallowingFixture.class, method))
                .execute().testEvents();
    }

    private static String message(Events tests) {
        return tests.failed().list().getFirst().getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("");
    }

    @Fixture
    static class SwallowingFixture {

        @Test
        void cancelsAJobThatIgnoresIt() throws Exception {
            CountDownLatch inStepOne = new CountDownLatch(1);
            RunningJob job = new SwallowsInterruptRunner().start(stepsAfterTheInterrupt(new TrackedResource(), inStepOne, release));
            Watch.await("step 1 runs", inStepOne);
            job.cancel(); // returns at once; the job runs on into step 3, which waits for the owning test
        }
    }
}
