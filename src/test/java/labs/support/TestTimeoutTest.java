package labs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** A hang becomes a failed test, never a stuck build: the per-test timeout is on for every test. */
class TestTimeoutTest {

    static final CountDownLatch NEVER = new CountDownLatch(1);

    @Test
    void aTestThatWaitsForeverFailsWithATimeout() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.ENABLED, "true")
                // The project default (junit-platform.properties) is 20 s; a short one keeps this test quick.
                .configurationParameter("junit.jupiter.execution.timeout.default", "200 ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .selectors(selectClass(WaitsForever.class))
                .execute()
                .testEvents();

        assertThat(tests.failed().count()).isEqualTo(1);
        Throwable error = tests.failed().list().getFirst().getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(error).isInstanceOf(TimeoutException.class).hasMessageContaining("timed out after 200 milliseconds");
    }

    @Fixture
    static class WaitsForever {
        @Test
        void awaitsALatchNobodyOpens() throws InterruptedException {
            NEVER.await();
        }
    }
}
