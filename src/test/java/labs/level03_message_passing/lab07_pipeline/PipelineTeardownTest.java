package labs.level03_message_passing.lab07_pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Threads;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a run ends (contract clauses 5 and 6), for every implementation: the failure that ended it is
 * the one {@code process} reports, whatever the teardown meets on its way — a stage that is slow to
 * stop, a stage that does not stop in time, a stage that turns the teardown's interrupt into an
 * exception — and an {@link Error} is rethrown as it is.
 */
class PipelineTeardownTest {

    static Stream<Implementation<Pipeline.Factory>> implementations() {
        return Pipeline.IMPLEMENTATIONS.stream();
    }

    /** The implementations whose stages run on threads that may block and are interrupted by the teardown. */
    static Stream<Implementation<Pipeline.Factory>> threadBased() {
        return implementations().filter(i -> i.name().equals("platform") || i.name().equals("virtual"));
    }

    private static final int BUFFER = 4;
    private static final IllegalStateException BAD_ITEM = new IllegalStateException("bad item");

    /**
     * 'validate' fails on item 2 once 'parse' holds item 3 — and 'parse' holds it, ignoring every
     * request to stop, until {@code release} opens. (A stage upstream of the failure: the failure
     * reaches the consumer at once, but the run is not over until 'parse' has let go.)
     */
    private static List<Stage> failWhileParseHolds(CountDownLatch release, AtomicReference<Thread> parseThread) {
        CountDownLatch parseHolds = new CountDownLatch(1);
        return List.of(
                new Stage("parse", x -> {
                    if (x == 3) {
                        parseThread.set(Thread.currentThread());
                        parseHolds.countDown();
                        InStage.awaitIgnoringInterrupts("the test released the held 'parse' stage", release);
                    }
                    return x;
                }),
                new Stage("validate", x -> {
                    if (x == 2) {
                        InStage.await("'parse' held item 3", parseHolds);
                        throw BAD_ITEM;
                    }
                    return x;
                }),
                new Stage("store", x -> x));
    }

    /** Whether {@code caller} is waiting for a thread or a pool to end (a join, an awaitTermination): the teardown's wait. */
    private static boolean waitsForThreadsToEnd(Thread caller) {
        return Arrays.stream(caller.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("join")
                && frame.getClassName().equals(Thread.class.getName()) || frame.getMethodName().equals("awaitTermination"));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Wait for every stage thread to end before process returns, and throw the failure that ended the run, not something from the teardown.")
    void aStageFailureIsReportedAsItselfWhileTheTeardownWaitsForASlowStage(Implementation<Pipeline.Factory> impl) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> parseThread = new AtomicReference<>();
        Pipeline pipeline = impl.create().create(failWhileParseHolds(release, parseThread), BUFFER);
        Thread caller = Thread.currentThread();
        AtomicBoolean returned = new AtomicBoolean();
        // Lets 'parse' go only once process is waiting for the stage threads: the teardown is slow for certain.
        // (Or once process has returned: then it did not wait, which the last assertion reports.)
        Staged<Boolean> releaser = Staged.run("lab07-test-releaser", () -> {
            try {
                Watch.until("process waiting for the stage threads to end after the failure", () -> waitsForThreadsToEnd(caller) || returned.get());
            } finally {
                release.countDown();
            }
        });

        Throwable thrown;
        boolean parseAliveAfterProcess;
        try {
            thrown = catchThrowable(() -> pipeline.process(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L)));
            parseAliveAfterProcess = parseThread.get() != null && parseThread.get().isAlive();
        } finally {
            returned.set(true);
        }
        assertThat(releaser.join()).as("how the releaser ended").isEqualTo(Result.success(true));
        if (parseThread.get() != null) {
            Watch.joinBounded(parseThread.get());
        }
        assertThat(thrown).as("what process threw").isInstanceOf(StageFailedException.class)
                .hasMessage("stage 'validate' failed on item 2: java.lang.IllegalStateException: bad item")
                .hasCause(BAD_ITEM);
        assertThat(thrown.getSuppressed()).as("reports added to the failure").noneMatch(Threads.DidNotEndException.class::isInstance);
        assertThat(parseAliveAfterProcess).as("the held 'parse' thread still running when process returned").isFalse();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A thread that outlives the teardown's bound is worth a report, but the failure already on its way out stays the one thrown: add the report to it (addSuppressed).")
    void aStageFailureIsReportedAsItselfWhenAStageThreadOutlivesTheTeardown(Implementation<Pipeline.Factory> impl) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> parseThread = new AtomicReference<>();
        // A short bound: 'parse' will not end before the test releases it, which is after process returns.
        Pipeline pipeline = impl.create().create(failWhileParseHolds(release, parseThread), BUFFER, Duration.ofMillis(100));

        Throwable thrown;
        try {
            thrown = catchThrowable(() -> pipeline.process(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L)));
        } finally {
            release.countDown();
        }
        if (parseThread.get() != null) {
            Watch.joinBounded(parseThread.get());
        }

        assertThat(thrown).as("what process threw").isInstanceOf(StageFailedException.class)
                .hasMessageStartingWith("stage 'validate' failed on item 2");
        assertThat(thrown.getSuppressed()).as("reports added to the failure")
                .anySatisfy(report -> assertThat(report).isInstanceOf(Threads.DidNotEndException.class).hasMessageContaining("-parse\""));
    }

    /** What the interrupted caller saw: what process threw, its interrupt flag, and whether the held stage's thread was still running. */
    private record Interrupted(Throwable thrown, boolean flagSet, boolean stageAlive) {
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("block(), blockingGet() and a latch's await give up when the caller is interrupted: stop every stage, wait for it, then throw — and keep the interrupt flag.")
    void interruptingTheCallerEndsTheRunAndEveryThreadAndKeepsTheFlag(Implementation<Pipeline.Factory> impl) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> stageThread = new AtomicReference<>();
        Pipeline pipeline = impl.create().create(List.of(new Stage("slow", x -> {
            if (x == 0) {
                stageThread.set(Thread.currentThread());
                holding.countDown();
                InStage.awaitIgnoringInterrupts("the test released the held 'slow' stage", release);
            }
            return x;
        })), BUFFER);
        Staged<Interrupted> caller = Staged.start("lab07-test-caller", () -> {
            try {
                pipeline.process(new PipelineContractTest.CountingSource(), Long.MAX_VALUE);
                throw new AssertionError("process returned from an endless source");
            } catch (RuntimeException e) {
                return new Interrupted(e, Thread.currentThread().isInterrupted(), stageThread.get() != null && stageThread.get().isAlive());
            }
        });

        try {
            Watch.until("the stage held item 0", () -> holding.getCount() == 0 || caller.outcomeSoFar() != null);
            assertThat(caller.outcomeSoFar()).as("how process ended before its caller was interrupted").isNull();
            caller.thread().interrupt();
            Watch.until("the interrupted caller waiting for the stage threads to end", () -> waitsForThreadsToEnd(caller.thread()));
        } finally {
            release.countDown();
        }
        Interrupted seen = caller.join().value();

        assertThat(seen.thrown()).as("what process threw when its caller was interrupted").hasCauseInstanceOf(InterruptedException.class);
        assertThat(seen.flagSet()).as("the caller's interrupt flag after process").isTrue();
        assertThat(seen.stageAlive()).as("the held stage's thread still running when process returned").isFalse();
    }

    /**
     * The run reached its limit; the teardown's interrupt then makes a stage throw. The "io" stage is
     * blocked in an interruptible wait on item 3 when the sink takes its third output ("release" lets
     * item 2 through only once "io" is blocked), so the interrupt reaches it there and it throws, as a
     * blocking client does. That exception is a consequence of the teardown, not a failure. Threads
     * only: Reactor's and RxJava's stages are cancelled, not interrupted into throwing.
     */
    @ParameterizedTest
    @MethodSource("threadBased")
    @Hint("Once the run has ended, a stage may turn the teardown's interrupt into an exception of its own: a consequence of the teardown, not the run's failure.")
    void aStageThatThrowsWhenTheLimitTeardownInterruptsItDoesNotFailTheRun(Implementation<Pipeline.Factory> impl) {
        CountDownLatch ioBlocked = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Pipeline pipeline = impl.create().create(List.of(
                new Stage("io", x -> {
                    if (x == 3) {
                        ioBlocked.countDown();
                        try {
                            Watch.await("the limit teardown interrupted the io stage", never);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException("interrupted", e); // what a blocking client does
                        }
                    }
                    return x;
                }),
                new Stage("release", x -> {
                    if (x == 2) {
                        try {
                            Watch.await("the io stage blocked on item 3", ioBlocked);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return x;
                })), BUFFER);

        assertThat(pipeline.process(new PipelineContractTest.CountingSource(), 3)).as("outputs of a run limited to 3").containsExactly(0L, 1L, 2L);
    }

    /** Not a stage's failure (an assertion, BlockHound's verdict, the JVM's): not wrapped, not turned into a value. */
    private static final class BrokenInvariant extends Error {
        BrokenInvariant() {
            super("a broken invariant");
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Catch Exception, never Error: an Error thrown by a stage ends the run and reaches the caller as it is, after the threads have ended.")
    void anErrorThrownByAStageIsRethrownAsItIsAfterEveryThreadHasEnded(Implementation<Pipeline.Factory> impl) {
        BrokenInvariant broken = new BrokenInvariant();
        Pipeline pipeline = impl.create().create(List.of(
                new Stage("parse", x -> x),
                new Stage("check", x -> {
                    if (x == 3) {
                        throw broken;
                    }
                    return x;
                })), BUFFER);

        assertThatThrownBy(() -> pipeline.process(new PipelineContractTest.CountingSource(), Long.MAX_VALUE))
                .as("what process threw").isSameAs(broken);
        // ...and every stage thread has ended: the leak check runs after this test.
    }
}
