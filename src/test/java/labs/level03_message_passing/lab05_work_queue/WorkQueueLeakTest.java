package labs.level03_message_passing.lab05_work_queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.concurrent.CountDownLatch;
import labs.support.Fixture;
import labs.support.Hint;
import labs.support.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The "leaked workers" failure theme: a queue whose producer side never says "no more work" leaves
 * its workers waiting for ever. The report looks perfect; only the threads tell. Each fixture below
 * is run through the JUnit engine under the suite's leak check, and we assert on how it ended.
 */
class WorkQueueLeakTest {

    @AfterEach
    void freeWhatTheFixturesLeaked() {
        if (LeakyQueueFixture.queue != null) {
            LeakyQueueFixture.queue.interruptLeakedWorkers();
            LeakyQueueFixture.queue.threads().forEach(WorkQueueLeakTest::join);
            LeakyQueueFixture.queue = null;
        }
        if (UnfinishedReactorQueueFixture.queue != null) {
            UnfinishedReactorQueueFixture.queue.shutdownGracefully(); // the missing line, added late
            UnfinishedReactorQueueFixture.queue = null;
        }
    }

    @Test
    @Hint("A worker blocked in take() learns there is no more work only from the queue: one poison pill per worker.")
    void workersLeftWaitingByAQueueThatNeverSendsPoisonPillsAreReportedAsALeak() {
        Events tests = run("leaksItsWorkers");

        assertThat(tests.failed().count()).as("fixture tests failed by the leak check").isEqualTo(1);
        assertThat(message(tests)).as("the leak check's message").startsWith("Thread leak: 2 thread(s) started during this test")
                .contains("\"lab05-leaky-").contains("ArrayBlockingQueue.take");
    }

    @Test
    void theSameWorkWithPoisonPillsLeavesNoThreadBehind() {
        Events tests = run("endsItsWorkers");

        assertThat(tests.succeeded().count()).as("fixture tests passed").isEqualTo(1);
        assertThat(tests.failed().count()).as("fixture tests failed").isZero();
    }

    @Test
    @Hint("A queue that is never shut down never completes its job stream, so the threads serving it never end.")
    void aReactorQueueWhoseJobStreamNeverCompletesKeepsItsSchedulerThreadsAlive() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.ENABLED, "true")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("labs.leakcheck.grace", "200ms")
                .selectors(selectMethod(UnfinishedReactorQueueFixture.class, "neverCompletesItsJobStream"))
                .execute().testEvents();

        assertThat(tests.failed().count()).as("fixture tests failed by the leak check").isEqualTo(1);
        assertThat(message(tests)).as("the leak check's message").contains("\"lab05-reactor-");
        // Still alive and still accepting after the fixture: shutting it down now ends the leak.
        ReactorWorkQueue queue = UnfinishedReactorQueueFixture.queue;
        UnfinishedReactorQueueFixture.queue = null;
        assertThat(queue.submit(new Job(2, () -> 2L))).as("a job submitted to the forgotten queue").isTrue();
        assertThat(queue.shutdownGracefully().finished()).extracting(JobResult::jobId).as("jobs it ran").containsExactly(1, 2);
    }

    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.ENABLED, "true")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                // The leak is certain; a short grace keeps the proof quick.
                .configurationParameter("labs.leakcheck.grace", "200ms")
                .selectors(selectMethod(LeakyQueueFixture.class, method))
                .execute().testEvents();
    }

    private static String message(Events tests) {
        return tests.failed().list().getFirst().getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("");
    }

    private static void join(Thread thread) {
        try {
            Watch.joinBounded(thread);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Fixture
    static class LeakyQueueFixture {
        static LeakyWorkQueue queue;

        @Test
        void leaksItsWorkers() {
            queue = LeakyWorkQueue.start(2, 4);
            queue.submit(new Job(1, () -> 1L));
            Report report = queue.shutdownGracefully();
            assertThat(report.finished()).hasSize(1); // the report is right; the threads are the bug
        }

        @Test
        void endsItsWorkers() {
            ThreadWorkQueue right = ThreadWorkQueue.platform(2, 4);
            right.submit(new Job(1, () -> 1L));
            assertThat(right.shutdownGracefully().finished()).hasSize(1);
        }
    }

    @Fixture
    static class UnfinishedReactorQueueFixture {
        static ReactorWorkQueue queue;

        @Test
        void neverCompletesItsJobStream() throws InterruptedException {
            queue = ReactorWorkQueue.start(1, 4);
            CountDownLatch ran = new CountDownLatch(1);
            queue.submit(new Job(1, () -> {
                ran.countDown();
                return 1L;
            }));
            Watch.await("job 1 runs", ran);
            // no shutdown: the sink is never completed, so flatMap waits for more jobs for ever
        }
    }
}
