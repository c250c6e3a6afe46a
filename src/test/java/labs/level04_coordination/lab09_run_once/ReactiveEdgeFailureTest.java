package labs.level04_coordination.lab09_run_once;

import static labs.level04_coordination.lab09_run_once.StagedCallers.lineUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failure themes for the variants whose initializer runs on a scheduler
 * ({@link RunOnce.RunsOn#SCHEDULER}: the Reactor and RxJava ones), through their blocking edges, with
 * real threads: the callers only wait for the run, so interrupting one is a cancellation — and what
 * a cancellation does to the run is the operator's business. Staged: the run is held until the test
 * has lined the callers up, and released when it says.
 */
class ReactiveEdgeFailureTest {

    static Stream<Implementation<RunOnce.Variant>> runOnAScheduler() {
        return RunOnce.IMPLEMENTATIONS.stream().filter(i -> i.create().runsOn() == RunOnce.RunsOn.SCHEDULER);
    }

    /** Those whose run goes on when every caller has stopped waiting: all but {@code cacheInvalidateIf}. */
    static Stream<Implementation<RunOnce.Variant>> keepARunNobodyWaitsFor() {
        return runOnAScheduler().filter(i -> !i.name().equals("reactor-invalidate-if"));
    }

    @ParameterizedTest
    @MethodSource("runOnAScheduler")
    @Hint("Interrupting a caller that only waits must end its wait (WaitInterruptedException, flag set again) — and leave the run to the others.")
    void interruptingTheFirstCallerEndsItsWaitAndTheRunGoesOnForTheOthers(Implementation<RunOnce.Variant> impl) throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.held()) {
            RunOnce<Made> lazy = impl.create().make().of(init);
            List<Staged<String>> callers = lineUp(lazy, init, 1, Watch::isParked);
            StagedCallers.awaitWaiting(callers.getFirst(), Watch::isParked);

            callers.getFirst().thread().interrupt();
            assertThat(callers.getFirst().join().value()).as("what the interrupted first caller got").isEqualTo("stopped waiting, flag true");
            init.release();

            assertThat(callers.getLast().join().value()).as("what the second caller got").isEqualTo("value of run 1, flag false");
            assertThat(lazy.get().run()).as("a later get(): the value made by run").isEqualTo(1);
            assertThat(init.runs()).as("runs of the initializer").isEqualTo(1);
            assertThat(init.interrupted()).as("runs interrupted").isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("keepARunNobodyWaitsFor")
    @Hint("cache() does not cancel its source when its subscribers leave: the run finishes and its value is kept.")
    void interruptingTheOnlyWaitingCallerLeavesTheRunGoingAndItsValueIsKept(Implementation<RunOnce.Variant> impl) throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.held()) {
            RunOnce<Made> lazy = impl.create().make().of(init);
            Staged<String> only = lineUp(lazy, init, 0, Watch::isParked).getFirst();
            StagedCallers.awaitWaiting(only, Watch::isParked);

            only.thread().interrupt();
            assertThat(only.join().value()).as("what the interrupted caller got").isEqualTo("stopped waiting, flag true");
            init.release();

            assertThat(lazy.get().run()).as("the next get(): the value made by run").isEqualTo(1);
            assertThat(init.runs()).as("runs of the initializer").isEqualTo(1);
            assertThat(init.interrupted()).as("runs interrupted").isZero();
        }
    }

    @Test
    @Hint("cacheInvalidateIf cancels its source when the last waiting subscriber leaves; the next subscriber starts a new run.")
    void interruptingTheOnlyWaitingCallerOfCacheInvalidateIfCancelsTheRunAndTheNextCallerStartsOver() throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.held()) {
            RunOnce<Made> lazy = new ReactorInvalidatingLazy<>(init);
            Staged<String> only = lineUp(lazy, init, 0, Watch::isParked).getFirst();
            StagedCallers.awaitWaiting(only, Watch::isParked);

            only.thread().interrupt();
            assertThat(only.join().value()).as("what the interrupted caller got").isEqualTo("stopped waiting, flag true");
            Watch.until("the abandoned run is interrupted (its subscribeOn task disposed)", () -> init.interrupted() == 1);
            init.release();

            assertThat(lazy.get().run()).as("the next get(): the value made by run").isEqualTo(2);
            assertThat(init.runs()).as("runs of the initializer: the abandoned one and the next").isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("runOnAScheduler")
    @Hint("Subscribers that joined a run all get what it ended with, error included; a retry, if any, is for the next subscriber.")
    void everyCallerWaitingOnAFailedRunGetsThatFailure(Implementation<RunOnce.Variant> impl) throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.heldAndFailingOn(run -> run == 1)) {
            List<Staged<String>> callers = lineUp(impl.create().make().of(init), init, 1, Watch::isParked);

            init.release();

            assertThat(callers.getFirst().join().value()).as("what the first caller got")
                    .isEqualTo("failed: IllegalStateException: run 1 failed, flag false");
            assertThat(callers.getLast().join().value()).as("what the second caller got")
                    .isEqualTo("failed: IllegalStateException: run 1 failed, flag false");
            assertThat(init.runs()).as("runs of the initializer").isEqualTo(1);
        }
    }

    /**
     * Why the edges carry the outcome as a value: Reactor's {@code block()} adds a suppressed
     * exception to the exception it rethrows, and a cached error is the same instance for every
     * caller, so it grows by one per call (reactor-core issue 3371). Kept true on purpose: if
     * Reactor stops doing it, this test says so.
     */
    @Test
    void blockOnACachedErrorAddsASuppressedExceptionToItForEveryCaller() {
        IllegalStateException failure = new IllegalStateException("run 1 failed");
        reactor.core.publisher.Mono<String> cached = reactor.core.publisher.Mono.<String>error(failure).cache();

        for (int i = 0; i < 3; i++) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(cached::block)).as("what block() threw").isSameAs(failure);
        }

        assertThat(failure.getSuppressed()).as("the suppressed exceptions three block() calls left on the cached error")
                .hasSize(3).allSatisfy(s -> assertThat(s).hasMessage("#block terminated with an error"));
    }
}
