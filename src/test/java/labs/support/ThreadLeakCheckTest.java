package labs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Proves the leak check is active and catches what it should: each fixture below is a small test
 * class run through the JUnit engine here, and we assert on how it ended. The fixtures are static
 * nested classes, which Surefire does not run on its own.
 */
class ThreadLeakCheckTest {

    /** Keeps each fixture's leaked thread parked until this test lets it go, so nothing outlives us. */
    static volatile CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseWhatTheFixturesLeaked() {
        release.countDown();
        release = new CountDownLatch(1);
    }

    @Test
    void aTestThatLeavesAPlatformThreadRunningFailsNamingTheThread() throws Exception {
        Events tests = run(LeaksAPlatformThread.class);

        assertThat(tests.failed().count()).as("failed tests").isEqualTo(1);
        assertThat(message(tests.failed().list().getFirst()))
                .startsWith("Thread leak: 1 thread(s) started during this test")
                .contains("\"leaky-worker\"")
                .contains("ThreadLeakCheckTest$LeaksAPlatformThread");
        joinLeaked("leaky-worker");
    }

    @Test
    void anExecutorNeverShutDownIsALeak() throws Exception {
        Events tests = run(ForgetsToShutDownAnExecutor.class);

        assertThat(tests.failed().count()).isEqualTo(1);
        assertThat(message(tests.failed().list().getFirst())).contains("\"pool-");
        ForgetsToShutDownAnExecutor.pool.shutdownNow();
        assertThat(ForgetsToShutDownAnExecutor.pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSchedulerTheTestCreatedAndNeverDisposedIsALeak() {
        Events tests = run(ForgetsToDisposeAScheduler.class);

        assertThat(tests.failed().count()).isEqualTo(1);
        assertThat(message(tests.failed().list().getFirst())).contains("\"lab-owned-");
        ForgetsToDisposeAScheduler.scheduler.dispose();
    }

    @Test
    void aVirtualThreadStillRunningIsALeak() {
        Events tests = run(LeaksAVirtualThread.class);

        assertThat(tests.failed().count()).isEqualTo(1);
        assertThat(message(tests.failed().list().getFirst()))
                .contains("virtual thread")
                .contains("\"leaky-virtual\"");
    }

    @Test
    void threadsThatEndWithinTheGracePeriodAndSharedSchedulersAreNotLeaks() {
        Events tests = run(CleansUpAfterItself.class);

        assertThat(tests.succeeded().count()).isEqualTo(3);
        assertThat(tests.failed().count()).isZero();
    }

    @Test
    void anOptOutNeedsAReasonAndHonoursIt() throws Exception {
        Events tests = run(OptsOut.class);

        assertThat(tests.succeeded().count()).as("the test with a reason passes").isEqualTo(1);
        assertThat(tests.failed().count()).as("the test with a blank reason fails").isEqualTo(1);
        assertThat(message(tests.failed().list().getFirst())).contains("@AllowThreadLeak needs a reason");
        release.countDown();
        joinLeaked("allowed-leak");
        joinLeaked("blank-reason-leak");
    }

    @Test
    void aThreadLeftByATestWithAnOptOutIsNotReportedAgainForItsClass() throws Exception {
        Events classes = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.ENABLED, "true")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter(ThreadLeakCheck.GRACE_PARAMETER, "200ms")
                .selectors(selectClass(OptsOutWithAReasonOnly.class))
                .execute()
                .containerEvents();

        assertThat(classes.failed().count()).as("failed containers").isZero();
        joinLeaked("allowed-leak-2");
    }

    @Test
    void aFluxIntervalNeverDisposedIsATaskLeakNamingWhereItWasScheduled() {
        Events tests = run(LeavesAFluxIntervalRunning.class);
        LeavesAFluxIntervalRunning.subscription.dispose();

        assertOnePeriodicTaskLeak(tests, "Reactor", LeavesAFluxIntervalRunning.class);
    }

    @Test
    void aFlowableIntervalNeverDisposedIsATaskLeakToo() {
        Events tests = run(LeavesAFlowableIntervalRunning.class);
        LeavesAFlowableIntervalRunning.subscription.dispose();

        assertOnePeriodicTaskLeak(tests, "RxJava computation()", LeavesAFlowableIntervalRunning.class);
    }

    /** One test failed, for a periodic task left on {@code scheduler}, named with the fixture's method that scheduled it. */
    private static void assertOnePeriodicTaskLeak(Events tests, String scheduler, Class<?> fixture) {
        assertThat(tests.failed().count()).isEqualTo(1);
        assertThat(message(tests.failed().list().getFirst()))
                .startsWith("Task leak: 1 task(s) scheduled during this test still pending")
                .contains("periodic task on " + scheduler)
                .contains(fixture.getName().substring(fixture.getPackageName().length() + 1) + ".subscribesAndForgets");
    }

    @Test
    void intervalsAndTimersThatAreDisposedOrDoneAreNotLeaks() {
        Events tests = run(DisposesWhatItSchedules.class);

        assertThat(tests.failed().list()).as("failed").isEmpty();
        assertThat(tests.succeeded().count()).isEqualTo(3);
    }

    /** goleak's semantics: a thread one test was allowed to leave is not blamed on the next test. */
    @Test
    void aVirtualThreadAllowedInOneTestIsNotBlamedOnTheNext() throws Exception {
        Events tests = run(AllowsAVirtualThreadThenRunsClean.class);

        assertThat(tests.failed().list()).as("failed").isEmpty();
        assertThat(tests.succeeded().count()).isEqualTo(2);
        release.countDown();
        AllowsAVirtualThreadThenRunsClean.leaked.join(Duration.ofSeconds(5));
        assertThat(AllowsAVirtualThreadThenRunsClean.leaked.isAlive()).isFalse();
    }

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.ENABLED, "true")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                // Leaks here are certain; a short grace keeps the proof quick. Passing cases still get it.
                .configurationParameter(ThreadLeakCheck.GRACE_PARAMETER, "200ms")
                .selectors(selectClass(fixture))
                .execute()
                .testEvents();
    }

    private static String message(Event event) {
        return event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .map(Throwable::getMessage)
                .orElse("");
    }

    /** The fixture's thread must end before this test does, or this test would leak it. */
    private static void joinLeaked(String name) throws InterruptedException {
        release.countDown();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(name)) {
                assertThat(thread.join(Duration.ofSeconds(5))).as("%s ends once released", name).isTrue();
            }
        }
    }

    private static void parkUntilReleased() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Fixture
    static class LeaksAPlatformThread {
        @Test
        void startsAThreadAndReturns() {
            Thread.ofPlatform().name("leaky-worker").start(ThreadLeakCheckTest::parkUntilReleased);
        }
    }

    @Fixture
    static class ForgetsToShutDownAnExecutor {
        static ExecutorService pool;

        @Test
        void submitsWorkAndForgetsThePool() throws Exception {
            pool = Executors.newFixedThreadPool(1);
            pool.submit(() -> 42).get();
        }
    }

    @Fixture
    static class ForgetsToDisposeAScheduler {
        static Scheduler scheduler;

        @Test
        void usesItsOwnSchedulerAndForgetsIt() {
            scheduler = Schedulers.newParallel("lab-owned", 1);
            reactor.core.publisher.Mono.fromCallable(() -> 1).subscribeOn(scheduler).block();
        }
    }

    @Fixture
    static class LeaksAVirtualThread {
        @Test
        void startsAVirtualThreadAndReturns() throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            Thread.ofVirtual().name("leaky-virtual").start(() -> {
                started.countDown();
                parkUntilReleased();
            });
            started.await();
        }
    }

    @Fixture
    static class CleansUpAfterItself {
        @Test
        void joinsItsThread() throws InterruptedException {
            Thread worker = Thread.ofPlatform().name("joined").start(() -> { });
            worker.join();
        }

        @Test
        void shutsDownItsPoolWithoutWaiting() {
            // The pool's thread may still be unwinding when the test returns: the grace period covers it.
            ExecutorService pool = Executors.newSingleThreadExecutor();
            pool.submit(() -> { });
            pool.shutdown();
        }

        @Test
        void usesTheSharedSchedulers() {
            reactor.core.publisher.Mono.fromCallable(() -> 1).subscribeOn(Schedulers.parallel()).block();
            io.reactivex.rxjava3.core.Single.fromCallable(() -> 1)
                    .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.computation()).blockingGet();
        }
    }

    @Fixture
    static class OptsOutWithAReasonOnly {
        @Test
        @AllowThreadLeak("this fixture exists to show the opt-out")
        void leaksWithAReason() {
            Thread.ofPlatform().name("allowed-leak-2").start(ThreadLeakCheckTest::parkUntilReleased);
        }
    }

    @Fixture
    static class OptsOut {
        @Test
        @AllowThreadLeak("this fixture exists to show the opt-out")
        void leaksWithAReason() {
            Thread.ofPlatform().name("allowed-leak").start(ThreadLeakCheckTest::parkUntilReleased);
        }

        @Test
        @AllowThreadLeak(" ")
        void leaksWithABlankReason() {
            Thread.ofPlatform().name("blank-reason-leak").start(ThreadLeakCheckTest::parkUntilReleased);
        }
    }

    @Fixture
    static class LeavesAFluxIntervalRunning {
        static reactor.core.Disposable subscription;

        @Test
        void subscribesAndForgets() {
            subscription = reactor.core.publisher.Flux.interval(Duration.ofMillis(50)).subscribe();
        }
    }

    @Fixture
    static class LeavesAFlowableIntervalRunning {
        static io.reactivex.rxjava3.disposables.Disposable subscription;

        @Test
        void subscribesAndForgets() {
            subscription = io.reactivex.rxjava3.core.Flowable.interval(50, java.util.concurrent.TimeUnit.MILLISECONDS).subscribe();
        }
    }

    @Fixture
    static class DisposesWhatItSchedules {
        @Test
        void disposesAFluxInterval() {
            reactor.core.publisher.Flux.interval(Duration.ofMillis(50)).subscribe().dispose();
        }

        @Test
        void takesThreeTicksOfAFlowableInterval() {
            io.reactivex.rxjava3.core.Flowable.interval(1, java.util.concurrent.TimeUnit.MILLISECONDS).take(3).blockingLast();
        }

        @Test
        void aTimeoutThatDidNotFireIsCancelled() {
            reactor.core.publisher.Mono.just(1).delayElement(Duration.ofMillis(1)).timeout(Duration.ofHours(1)).block();
        }
    }

    @Fixture
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class AllowsAVirtualThreadThenRunsClean {
        static Thread leaked;

        @Test
        @org.junit.jupiter.api.Order(1)
        @AllowThreadLeak("this fixture exists to show the opt-out is not blamed on the next test")
        void leavesAVirtualThreadWithAReason() throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            leaked = Thread.ofVirtual().name("allowed-virtual").start(() -> {
                started.countDown();
                parkUntilReleased();
            });
            started.await();
        }

        @Test
        @org.junit.jupiter.api.Order(2)
        void startsNothing() {
            assertThat(leaked.isAlive()).as("the first test's thread is still alive here").isTrue();
        }
    }
}
