package labs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A test that leaves Reactor's virtual clock installed, or RxJava's scheduler handlers replaced,
 * fails by name — and the next test runs on real schedulers again, not blamed for it. (Found in
 * lab11: one {@code VirtualTimeScheduler.getOrSet()} without {@code reset()} made ~17 later tests
 * fail far from the cause.)
 */
class GlobalClockCheckTest {

    @Test
    void aTestThatLeavesTheVirtualClockInstalledFailsAndTheNextOneRunsOnRealSchedulers() {
        Events tests = run(LeavesTheVirtualClockInstalled.class);

        assertThat(tests.failed().count()).as("failed: the fixture that left the clock").isEqualTo(1);
        assertThat(message(tests)).contains("left Reactor's virtual clock installed");
        assertThat(tests.succeeded().count()).as("passed: the fixture that checks the clock is gone").isEqualTo(1);
        assertThat(VirtualTimeScheduler.isFactoryEnabled()).as("virtual clock after the fixtures").isFalse();
    }

    @Test
    void aTestThatResetsRxJavasPluginsFailsAndTrackingIsPutBack() {
        Events tests = run(ResetsRxJavaPlugins.class);

        assertThat(tests.failed().count()).isEqualTo(1);
        assertThat(message(tests)).contains("replaced RxJava's scheduler handlers");
        assertThat(ScheduledTasks.rxJavaHandlersReplaced()).as("handlers replaced after the fixture").isFalse();
    }

    @Test
    void stepVerifiersOwnVirtualTimeLeavesNothingBehind() {
        StepVerifier.withVirtualTime(() -> reactor.core.publisher.Mono.delay(java.time.Duration.ofHours(1)))
                .thenAwait(java.time.Duration.ofHours(1))
                .expectNext(0L)
                .verifyComplete();

        assertThat(VirtualTimeScheduler.isFactoryEnabled()).isFalse();
    }

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.ENABLED, "true")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("junit.jupiter.testmethod.order.default", "org.junit.jupiter.api.MethodOrderer$MethodName")
                .selectors(selectClass(fixture))
                .execute()
                .testEvents();
    }

    private static String message(Events tests) {
        return tests.failed().list().getFirst().getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("");
    }

    @Fixture
    static class LeavesTheVirtualClockInstalled {
        @Test
        void a_installsTheClockAndForgetsIt() {
            VirtualTimeScheduler.getOrSet();
        }

        @Test
        void b_runsOnRealSchedulers() {
            assertThat(VirtualTimeScheduler.isFactoryEnabled()).isFalse();
            assertThat(Schedulers.parallel()).isNotInstanceOf(VirtualTimeScheduler.class);
        }
    }

    @Fixture
    static class ResetsRxJavaPlugins {
        @Test
        void resetsThePlugins() {
            RxJavaPlugins.reset();
        }
    }
}
