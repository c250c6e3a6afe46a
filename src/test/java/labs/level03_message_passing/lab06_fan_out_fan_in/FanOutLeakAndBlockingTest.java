package labs.level03_message_passing.lab06_fan_out_fan_in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import labs.support.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.scheduler.Schedulers;

/**
 * "Branches still running after an error": the leak is proven by running {@link LeakyFanOut} under
 * the suite's leak check. And a blocking branch on a non-blocking scheduler is caught by BlockHound.
 */
class FanOutLeakAndBlockingTest {

    /** Keeps the leaky fixture's sibling busy until this test has seen the leak. */
    static volatile CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheAbandonedSibling() throws InterruptedException {
        release.countDown();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("lab06-leaky-")) {
                assertThat(thread.join(Duration.ofSeconds(5))).as("%s ends once released", thread.getName()).isTrue();
            }
        }
        release = new CountDownLatch(1);
    }

    @Test
    void aFanOutThatFailsFastButForgetsItsSiblingsIsReportedAsALeak() {
        Events tests = run("leavesItsSiblingRunning");

        assertThat(tests.failed().count()).isEqualTo(1);
        // Which thread and where it is stuck, not how many: the count depends on what else was still ending.
        assertThat(message(tests)).startsWith("Thread leak: ").contains("\"lab06-leaky-").contains("slowSiblingAndAFailure");
    }

    @Test
    void theSameFailureThroughTheFixedFanOutLeavesNothingRunning() {
        Events tests = run("stopsItsSibling");

        assertThat(tests.succeeded().count()).isEqualTo(1);
    }

    @Test
    void aSleepingBranchOnReactorParallelFailsWithBlockingOperationError() {
        Callable<Integer> sleeps = () -> {
            Thread.sleep(1); // the deliberate blocking call under test
            return 1;
        };

        assertThatThrownBy(() -> new ReactorFanOut(Schedulers.parallel()).gather(List.of(() -> 0, sleeps)))
                .isInstanceOf(BranchFailedException.class)
                .satisfies(e -> assertThat(Exceptions.unwrap(e.getCause())).isInstanceOf(BlockingOperationError.class));
    }

    @Test
    void aSleepingBranchOnRxJavaComputationFailsWithBlockingOperationError() {
        Callable<Integer> sleeps = () -> {
            Thread.sleep(1); // the deliberate blocking call under test: BlockHound must reject it
            return 1;
        };

        assertThatThrownBy(() -> new RxJavaFanOut(io.reactivex.rxjava3.schedulers.Schedulers.computation()).gather(List.of(sleeps)))
                .isInstanceOf(BranchFailedException.class)
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(BlockingOperationError.class));
    }

    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.ENABLED, "true")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("labs.leakcheck.grace", "200ms")
                .selectors(selectMethod(FailingFanOutFixture.class, method))
                .execute().testEvents();
    }

    private static String message(Events tests) {
        return tests.failed().list().getFirst().getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("");
    }

    @Fixture
    static class FailingFanOutFixture {

        private static List<Callable<Integer>> slowSiblingAndAFailure() {
            CountDownLatch siblingRunning = new CountDownLatch(1);
            return List.of(
                    () -> {
                        siblingRunning.countDown();
                        // busy until the owning test lets go (or an interrupt stops it); bounded, so nothing hangs for ever
                        if (!release.await(15, TimeUnit.SECONDS)) {
                            throw new AssertionError("the owning test never released the sibling");
                        }
                        return 0;
                    },
                    () -> {
                        if (!siblingRunning.await(10, TimeUnit.SECONDS)) {
                            throw new AssertionError("the sibling branch never started");
                        }
                        throw new IllegalStateException("branch 1 fails");
                    });
        }

        @Test
        void leavesItsSiblingRunning() {
            assertThatThrownBy(() -> new LeakyFanOut().gather(slowSiblingAndAFailure())).hasMessageContaining("branch 1 fails");
        }

        @Test
        void stopsItsSibling() {
            assertThatThrownBy(() -> new CompletionServiceFanOut().gather(slowSiblingAndAFailure())).hasMessageContaining("branch 1 fails");
        }
    }
}
