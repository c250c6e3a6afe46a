package labs.level04_coordination.lab09_run_once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab09 contract (see {@link RunOnce} and the lab's README), checked once for every variant in
 * {@link RunOnce#IMPLEMENTATIONS}; the reports name each one. What each variant does after a failed
 * run is its declared {@link RunOnce.AfterFailure}, checked here too.
 */
class RunOnceContractTest {

    static Stream<Implementation<RunOnce.Variant>> implementations() {
        return RunOnce.IMPLEMENTATIONS.stream();
    }

    private static <T> RunOnce<T> make(Implementation<RunOnce.Variant> impl, java.util.concurrent.Callable<T> initializer) {
        return impl.create().make().of(initializer);
    }

    /** Parked (a latch, a condition, a future) or blocked on a monitor: waiting, either way. */
    static boolean isWaiting(Thread thread) {
        return Watch.isParked(thread) || thread.getState() == Thread.State.BLOCKED;
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Lazy: building the object must not run the initializer; the first get() does.")
    void nothingRunsUntilTheFirstGet(Implementation<RunOnce.Variant> impl) {
        CountingInitializer init = CountingInitializer.quick();
        RunOnce<Made> lazy = make(impl, init);

        assertThat(init.runs()).as("runs of the initializer before any get()").isZero();
        assertThat(lazy.get().run()).as("the value the first get() returned: made by run").isEqualTo(1);
        assertThat(init.runs()).as("runs after the first get()").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Once a run has returned a value, every get() returns that very instance and runs nothing.")
    void aWarmGetReturnsTheSameInstanceAndRunsNothing(Implementation<RunOnce.Variant> impl) {
        CountingInitializer init = CountingInitializer.quick();
        RunOnce<Made> lazy = make(impl, init);

        Made first = lazy.get();
        assertThat(lazy.get()).as("the second get()").isSameAs(first);
        assertThat(lazy.get()).as("the third get()").isSameAs(first);
        assertThat(init.runs()).as("runs of the initializer after three gets").isEqualTo(1);
    }

    /**
     * Guards against the tempting "check, then run" without anything that makes the other callers
     * wait (a plain field, a cold {@code Mono.fromCallable} without {@code cache()}): the first run is
     * held until every other caller has called {@code get()} and is waiting, so any caller that starts
     * a run of its own is counted, every time.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Callers that arrive while the run is under way must wait for THAT run: what makes them wait, and what publishes its value to them?")
    void callersArrivingDuringTheRunWaitForItAndAllGetItsValue(Implementation<RunOnce.Variant> impl) throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.held()) {
            RunOnce<Made> lazy = make(impl, init);

            List<Staged<Made>> callers = new ArrayList<>();
            callers.add(Staged.start("lab09-first-caller", lazy::get));
            StagedCallers.awaitRun(init, 1, callers.getFirst());
            for (int i = 1; i < 4; i++) {
                callers.add(Staged.start("lab09-caller-" + i, lazy::get));
            }
            for (Staged<Made> caller : callers) {
                StagedCallers.awaitWaiting(caller, RunOnceContractTest::isWaiting);
            }
            init.release();

            List<Made> got = new ArrayList<>();
            for (Staged<Made> caller : callers) {
                got.add(caller.join().value());
            }
            assertThat(init.runs()).as("runs of the initializer for four overlapping callers").isEqualTo(1);
            assertThat(got).as("what the four callers got").allSatisfy(made -> assertThat(made).isSameAs(got.getFirst()));
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The initializer's exception reaches the caller wrapped once, in InitFailedException, with that very exception as its cause.")
    void aFailedRunReachesTheCallerAsInitFailedExceptionWithTheInitializersException(Implementation<RunOnce.Variant> impl) {
        CountingInitializer init = CountingInitializer.failingOn(run -> run == 1);
        RunOnce<Made> lazy = make(impl, init);

        Throwable failure = catchThrowable(lazy::get);

        assertThat(failure).as("what the first get() threw").isInstanceOf(InitFailedException.class)
                .hasMessage("initialization failed: java.lang.IllegalStateException: run 1 failed");
        assertThat(failure.getCause()).as("its cause").isSameAs(init.thrown(0));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("After a failed run: CACHED means every later get() fails with the same cause and runs nothing; RETRIED means the next get() runs again. Which does your operator do?")
    void afterAFailedRunTheNextGetDoesWhatTheVariantDeclares(Implementation<RunOnce.Variant> impl) {
        CountingInitializer init = CountingInitializer.failingOn(run -> run == 1);
        RunOnce<Made> lazy = make(impl, init);
        catchThrowable(lazy::get);

        Result<Made> second = Result.of(lazy::get);

        switch (impl.create().afterFailure()) {
            case CACHED -> {
                assertThat(second.succeeded()).as("the second get() after a cached failure succeeded: %s", second).isFalse();
                assertThat(second.error()).as("the second get()").isInstanceOf(InitFailedException.class);
                assertThat(second.error().getCause()).as("its cause: the first run's exception, cached").isSameAs(init.thrown(0));
                assertThat(init.runs()).as("runs: a cached failure runs nothing again").isEqualTo(1);
            }
            case RETRIED -> {
                assertThat(second.succeeded()).as("the second get() after a failure that must be retried: %s", second).isTrue();
                assertThat(second.value().run()).as("the value the retry returned: made by run").isEqualTo(2);
                assertThat(lazy.get()).as("a third get(): the retry's value, kept").isSameAs(second.value());
                assertThat(init.runs()).as("runs: the failed one and the retry").isEqualTo(2);
            }
        }
    }

    /**
     * Guards against handing the cached exception itself to every caller: Reactor's {@code block()}
     * adds a suppressed exception to what it rethrows, so a cached error would grow by one per caller.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Each failed get() throws a NEW InitFailedException; the initializer's own exception is its cause and is never added to (look at what block() does to an exception it rethrows).")
    void everyFailedGetThrowsANewWrapperAndTheCauseIsNeverModified(Implementation<RunOnce.Variant> impl) {
        CountingInitializer init = CountingInitializer.failingOn(run -> true);
        RunOnce<Made> lazy = make(impl, init);

        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failures.add(catchThrowable(lazy::get));
        }

        assertThat(failures).as("what three failed gets threw").allSatisfy(f -> assertThat(f).isInstanceOf(InitFailedException.class))
                .doesNotHaveDuplicates();
        assertThat(failures).as("the causes' suppressed exceptions (added by whoever rethrew a cause)")
                .allSatisfy(f -> assertThat(f.getCause().getSuppressed()).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("null is not a value: a run that returns it failed, and says so.")
    void anInitializerThatReturnsNullFailsWithACauseThatSaysSo(Implementation<RunOnce.Variant> impl) {
        RunOnce<Object> lazy = make(impl, () -> null);

        assertThatThrownBy(lazy::get).as("what get() threw for a null value").isInstanceOf(InitFailedException.class)
                .cause().isInstanceOf(NullPointerException.class).hasMessage(RunOnce.NULL_VALUE);
    }

    /** Not the initializer's failure: the JVM's or the harness's (BlockHound's is one). */
    private static final class InitializerError extends Error {
        InitializerError() {
            super("not an initialization failure");
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Wrap the initializer's Exception; let an Error through as it is (block() wraps what it cannot rethrow).")
    void anErrorFromTheInitializerReachesTheCallerAsItIs(Implementation<RunOnce.Variant> impl) {
        InitializerError error = new InitializerError();
        RunOnce<Object> lazy = make(impl, () -> {
            throw error;
        });

        assertThat(catchThrowable(lazy::get)).as("what get() threw").isSameAs(error);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Reject a null initializer when the object is built, in one line that names it: not at the first get().")
    void aNullInitializerIsRejectedWhenTheObjectIsBuilt(Implementation<RunOnce.Variant> impl) {
        assertThatThrownBy(() -> make(impl, null)).as("building with a null initializer")
                .isInstanceOf(NullPointerException.class).hasMessage(RunOnce.NULL_INITIALIZER);
    }
}
