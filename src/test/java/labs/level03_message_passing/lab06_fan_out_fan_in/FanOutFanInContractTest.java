package labs.level03_message_passing.lab06_fan_out_fan_in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Result;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab06 contract (see {@link FanOutFanIn} and the lab's README), checked once for every
 * implementation. A new implementation joins {@link FanOutFanIn#IMPLEMENTATIONS} and gets all of
 * these; the reports name it ({@code [3] reactor}). Branch timing is arranged with latches and
 * barriers (bounded waits), not clocks.
 */
class FanOutFanInContractTest {

    static Stream<Implementation<Supplier<FanOutFanIn>>> implementations() {
        return FanOutFanIn.IMPLEMENTATIONS.stream();
    }

    private static FanOutFanIn fanOut(Implementation<Supplier<FanOutFanIn>> impl) {
        return impl.create().get();
    }

    private static void await(String what, CountDownLatch latch) throws InterruptedException {
        Watch.await(what, latch);
    }

    /**
     * Branch 0 finishes last (it waits for 1 and 2), yet its value comes first. Guards against
     * {@code flatMap}, which would return [b, c, a] or [c, b, a].
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The answer is in branch order, not in the order the branches finish: a result that is ready early has to wait for its turn.")
    void resultsComeBackInBranchOrderWhateverOrderTheBranchesFinishIn(Implementation<Supplier<FanOutFanIn>> impl) {
        CountDownLatch othersDone = new CountDownLatch(2);
        List<Callable<String>> branches = List.of(
                () -> {
                    await("branches 1 and 2 finish before branch 0", othersDone);
                    return "a";
                },
                () -> {
                    othersDone.countDown();
                    return "b";
                },
                () -> {
                    othersDone.countDown();
                    return "c";
                });

        assertThat(fanOut(impl).gather(branches)).as("values gathered, branch 0 having finished last").containsExactly("a", "b", "c");
    }

    /** Guards against {@code concatMap} / a loop: ordered, but one branch at a time. */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Every branch must be running at the same time: three branches wait for each other at a barrier, so one at a time never gets past it.")
    void branchesRunAtTheSameTimeNotOneAfterAnother(Implementation<Supplier<FanOutFanIn>> impl) {
        CyclicBarrier allThree = new CyclicBarrier(3);
        Callable<Integer> meet = () -> allThree.await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS);

        assertThat(fanOut(impl).gather(List.of(meet, meet, meet))).as("arrival numbers of three branches that met at a barrier")
                .hasSize(3).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A branch's exception is reported as BranchFailedException naming the branch by its position, with what it threw as the cause.")
    void aFailingBranchIsReportedWithItsIndexAndCause(Implementation<Supplier<FanOutFanIn>> impl) {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Callable<Integer>> branches = List.of(() -> 0, () -> {
            throw boom;
        }, () -> 2);

        assertThatThrownBy(() -> fanOut(impl).gather(branches))
                .as("what gather threw when branch 1 failed")
                .isInstanceOf(BranchFailedException.class)
                .hasMessage("branch 1 failed: java.lang.IllegalStateException: boom")
                .hasCause(boom);
    }

    /** Fail fast: a sibling blocked for ever is stopped (interrupted), not waited for and not abandoned. */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("When one branch fails, the others are no use any more: stop them (interrupt or cancel) rather than wait for them or leave them running.")
    void aFailureStopsTheSiblingsStillRunningInsteadOfWaitingForThem(Implementation<Supplier<FanOutFanIn>> impl) throws Exception {
        CountDownLatch siblingRunning = new CountDownLatch(1);
        CountDownLatch siblingInterrupted = new CountDownLatch(1);
        AtomicInteger siblingFinishedNormally = new AtomicInteger();
        List<Callable<Integer>> branches = List.of(
                () -> {
                    siblingRunning.countDown();
                    try {
                        new CountDownLatch(1).await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS); // only an interrupt ends this early
                        siblingFinishedNormally.incrementAndGet();
                    } catch (InterruptedException e) {
                        siblingInterrupted.countDown();
                    }
                    return 0;
                },
                () -> {
                    await("the sibling branch starts", siblingRunning);
                    throw new IllegalStateException("branch 1 fails while branch 0 runs");
                });

        assertThatThrownBy(() -> fanOut(impl).gather(branches)).as("what gather threw").isInstanceOf(BranchFailedException.class)
                .hasMessageContaining("branch 1 failed");
        await("the running sibling is interrupted", siblingInterrupted);
        assertThat(siblingFinishedNormally.get()).as("siblings that ran to their end for nobody").isZero();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("gatherAll delays errors: a failure becomes that branch's outcome, so nothing is cancelled and every other branch's value is kept.")
    void withDelayedErrorsEverySiblingFinishesAndThePartialResultsAreKept(Implementation<Supplier<FanOutFanIn>> impl) {
        IllegalStateException boom = new IllegalStateException("branch 1 breaks first");
        CountDownLatch failed = new CountDownLatch(1);
        List<Callable<String>> branches = List.of(
                () -> {
                    await("branch 1 fails", failed); // still running when its sibling fails: must not be cancelled
                    return "a";
                },
                () -> {
                    failed.countDown();
                    throw boom;
                },
                () -> "c");

        List<Result<String>> outcomes = fanOut(impl).gatherAll(branches);

        assertThat(outcomes).as("how each branch ended, in branch order")
                .containsExactly(Result.success("a"), Result.failure(boom), Result.success("c"));
        assertThat(outcomes.get(1).error()).as("branch 1's failure: what it threw, as it threw it").isSameAs(boom);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Each branch is called once: no retry, no second subscription to the same branch.")
    void everyBranchRunsExactlyOnce(Implementation<Supplier<FanOutFanIn>> impl) {
        AtomicInteger[] runs = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        List<Callable<Integer>> branches = new ArrayList<>();
        for (int i = 0; i < runs.length; i++) {
            int index = i;
            branches.add(() -> {
                runs[index].incrementAndGet(); // counted apart from the value the branch returns
                return index;
            });
        }

        assertThat(fanOut(impl).gather(branches)).as("values gathered").containsExactly(0, 1, 2, 3);
        assertThat(runs).as("how many times each branch ran").allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    /**
     * A branch returning null fails the gather with one line, in every implementation — not a
     * silently shorter list with later results shifted (Reactor), a null slot (threads) or a bare
     * NullPointerException (RxJava).
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A reactive stream cannot carry null (Reactor's fromCallable turns it into nothing, which would shift every later result): treat null as that branch's failure.")
    void aBranchReturningNullIsRejectedNotDroppedOrShifted(Implementation<Supplier<FanOutFanIn>> impl) {
        List<Callable<String>> branches = List.of(() -> "a", () -> null, () -> "c");

        assertThatThrownBy(() -> fanOut(impl).gather(branches))
                .as("what gather threw when branch 1 returned null")
                .isInstanceOfSatisfying(BranchFailedException.class, e -> assertThat(e.branch()).as("the branch it names").isEqualTo(1))
                .hasMessage("branch 1 returned null");
        List<Result<String>> outcomes = fanOut(impl).gatherAll(branches);
        assertThat(outcomes).as("gatherAll's outcomes when branch 1 returned null").hasSize(3);
        assertThat(outcomes.get(0).value()).as("branch 0's value").isEqualTo("a");
        assertThat(outcomes.get(1).error()).as("branch 1's failure").isInstanceOf(BranchFailedException.class).hasMessage("branch 1 returned null");
        assertThat(outcomes.get(2).value()).as("branch 2's value").isEqualTo("c");
    }

    /**
     * An {@link Error} is the JVM's or the test harness's trouble, not a branch's failure: turning it
     * into a {@code BranchFailedException} or a {@code Result} would hide it. Guards against
     * {@code catch (Exception | Error)} in the branch.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Catch Exception, never Error: an Error thrown by a branch must come out of the call as it is, neither wrapped nor turned into an outcome.")
    void anErrorInABranchIsRethrownAsItIsNeverReportedAsABranchFailure(Implementation<Supplier<FanOutFanIn>> impl) {
        AssertionError harness = new AssertionError("an Error, not a branch failure");
        List<Callable<Integer>> branches = List.of(() -> 0, () -> {
            throw harness;
        });

        assertThatThrownBy(() -> fanOut(impl).gather(branches)).as("what gather threw").isSameAs(harness);
        assertThatThrownBy(() -> fanOut(impl).gatherAll(branches)).as("what gatherAll threw").isSameAs(harness);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check the input before starting anything, and say in one line what is wrong.")
    void nullOrEmptyBranchesAreRejectedBeforeAnyRuns(Implementation<Supplier<FanOutFanIn>> impl) {
        AtomicInteger ran = new AtomicInteger();
        List<Callable<Integer>> withNull = new ArrayList<>();
        withNull.add(ran::incrementAndGet);
        withNull.add(null);

        assertThatThrownBy(() -> fanOut(impl).gather(withNull)).as("what gather threw for a null branch")
                .isInstanceOf(NullPointerException.class).hasMessage("branches[1] is null");
        assertThatThrownBy(() -> fanOut(impl).gatherAll(withNull)).as("what gatherAll threw for a null branch")
                .isInstanceOf(NullPointerException.class).hasMessage("branches[1] is null");
        assertThatThrownBy(() -> fanOut(impl).gatherAll(List.<Callable<Integer>>of())).as("what gatherAll threw for no branches")
                .isInstanceOf(IllegalArgumentException.class).hasMessage("branches must not be empty: a fan-out needs at least one branch");
        assertThatThrownBy(() -> fanOut(impl).gather(null)).as("what gather threw for a null list").hasMessage("branches must not be null");
        assertThat(ran.get()).as("branches run despite bad input").isZero();
    }
}
