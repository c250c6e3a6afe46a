package labs.level03_message_passing.lab06_fan_out_fan_in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import labs.support.Fixture;
import labs.support.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * "Branches still running after an error": the leak is proven by running {@link LeakyFanOut} under
 * the suite's leak check, in a fixture of its own, and the same branches through a reference
 * implementation pass it.
 */
class LeakyFanOutTest {

    /** Keeps the leaky fixture's sibling busy until this test has seen the leak. */
    static volatile CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheAbandonedSibling() {
        release.countDown();
        List<Thread> abandoned = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("lab06-leaky-")).toList();
        Threads.awaitEnd("the leaky fixture's abandoned sibling, once released", abandoned, null);
        release = new CountDownLatch(1);
    }

    @Test
    void aFanOutThatFailsFastButForgetsItsSiblingsIsReportedAsALeak() {
        Events tests = run("leavesItsSiblingRunning");

        assertThat(tests.failed().count()).as("fixture runs failed by the leak check").isEqualTo(1);
        // Which thread and where it is stuck, not how many: the count depends on what else was still ending.
        assertThat(message(tests)).as("the leak check's report").startsWith("Thread leak: ").contains("\"lab06-leaky-").contains("slowSiblingAndAFailure");
    }

    @Test
    void theSameFailureThroughTheFixedFanOutLeavesNothingRunning() {
        Events tests = run("stopsItsSibling");

        assertThat(tests.succeeded().count()).as("fixture runs that passed the leak check").isEqualTo(1);
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
                            throw new IllegalStateException("the owning test never released the sibling");
                        }
                        return 0;
                    },
                    () -> {
                        if (!siblingRunning.await(10, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the sibling branch never started");
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
