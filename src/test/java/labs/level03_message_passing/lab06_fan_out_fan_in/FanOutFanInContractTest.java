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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lab06 contract (see {@link FanOutFanIn} and the lab's README), checked once for every
 * implementation. Branch timing is arranged with latches and barriers (bounded waits), not clocks.
 */
class FanOutFanInContractTest {

    private static final long BOUND_SECONDS = 10;

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("event did not happen within " + BOUND_SECONDS + " s");
        }
    }

    /**
     * Branch 0 finishes last (it waits for 1 and 2), yet its value comes first. Guards against
     * {@code flatMap}, which would return [1, 2, 0] or [2, 1, 0].
     */
    @ParameterizedTest
    @EnumSource(Implementations.class)
    void resultsComeBackInBranchOrderWhateverOrderTheBranchesFinishIn(Implementations impl) {
        CountDownLatch othersDone = new CountDownLatch(2);
        List<Callable<String>> branches = List.of(
                () -> {
                    await(othersDone);
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

        assertThat(impl.create().gather(branches)).containsExactly("a", "b", "c");
    }

    /** Guards against {@code concatMap} / a loop: ordered, but one branch at a time. */
    @ParameterizedTest
    @EnumSource(Implementations.class)
    void branchesRunAtTheSameTimeNotOneAfterAnother(Implementations impl) {
        CyclicBarrier allThree = new CyclicBarrier(3);
        Callable<Integer> meet = () -> allThree.await(BOUND_SECONDS, TimeUnit.SECONDS);

        assertThat(impl.create().gather(List.of(meet, meet, meet))).hasSize(3).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void aFailingBranchIsReportedWithItsIndexAndCause(Implementations impl) {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Callable<Integer>> branches = List.of(() -> 0, () -> {
            throw boom;
        }, () -> 2);

        assertThatThrownBy(() -> impl.create().gather(branches))
                .isInstanceOf(BranchFailedException.class)
                .hasMessage("branch 1 failed: java.lang.IllegalStateException: boom")
                .hasCause(boom);
    }

    /** Fail fast: a sibling blocked for ever is stopped (interrupted), not waited for and not abandoned. */
    @ParameterizedTest
    @EnumSource(Implementations.class)
    void aFailureStopsTheSiblingsStillRunningInsteadOfWaitingForThem(Implementations impl) throws Exception {
        CountDownLatch siblingRunning = new CountDownLatch(1);
        CountDownLatch siblingInterrupted = new CountDownLatch(1);
        AtomicInteger siblingFinishedNormally = new AtomicInteger();
        List<Callable<Integer>> branches = List.of(
                () -> {
                    siblingRunning.countDown();
                    try {
                        new CountDownLatch(1).await(BOUND_SECONDS, TimeUnit.SECONDS); // only an interrupt ends this early
                        siblingFinishedNormally.incrementAndGet();
                    } catch (InterruptedException e) {
                        siblingInterrupted.countDown();
                    }
                    return 0;
                },
                () -> {
                    await(siblingRunning);
                    throw new IllegalStateException("branch 1 fails while branch 0 runs");
                });

        assertThatThrownBy(() -> impl.create().gather(branches)).isInstanceOf(BranchFailedException.class)
                .hasMessageContaining("branch 1 failed");
        await(siblingInterrupted);
        assertThat(siblingFinishedNormally.get()).as("the sibling ran to the end for nobody").isZero();
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void withDelayedErrorsEverySiblingFinishesAndThePartialResultsAreKept(Implementations impl) {
        IllegalStateException boom = new IllegalStateException("branch 1 breaks first");
        CountDownLatch failed = new CountDownLatch(1);
        List<Callable<String>> branches = List.of(
                () -> {
                    await(failed); // still running when its sibling fails: must not be cancelled
                    return "a";
                },
                () -> {
                    failed.countDown();
                    throw boom;
                },
                () -> "c");

        List<BranchOutcome<String>> outcomes = impl.create().gatherAll(branches);

        assertThat(outcomes).extracting(BranchOutcome::branch).containsExactly(0, 1, 2);
        assertThat(outcomes).extracting(BranchOutcome::value).containsExactly("a", null, "c");
        assertThat(outcomes.get(1).failure()).isSameAs(boom);
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void everyBranchRunsExactlyOnce(Implementations impl) {
        AtomicInteger[] runs = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        List<Callable<Integer>> branches = new ArrayList<>();
        for (int i = 0; i < runs.length; i++) {
            int index = i;
            branches.add(() -> {
                runs[index].incrementAndGet(); // counted apart from the value the branch returns
                return index;
            });
        }

        assertThat(impl.create().gather(branches)).containsExactly(0, 1, 2, 3);
        assertThat(runs).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    /**
     * A branch returning null fails the gather with one line, in every implementation — not a
     * silently shorter list with later results shifted (Reactor), a null slot (threads) or a bare
     * NullPointerException (RxJava).
     */
    @ParameterizedTest
    @EnumSource(Implementations.class)
    void aBranchReturningNullIsRejectedNotDroppedOrShifted(Implementations impl) {
        List<Callable<String>> branches = List.of(() -> "a", () -> null, () -> "c");

        assertThatThrownBy(() -> impl.create().gather(branches))
                .isInstanceOfSatisfying(BranchFailedException.class, e -> assertThat(e.branch()).isEqualTo(1))
                .hasMessage("branch 1 returned null");
        assertThat(impl.create().gatherAll(branches)).hasSize(3)
                .satisfies(all -> assertThat(all.get(0).value()).isEqualTo("a"))
                .satisfies(all -> assertThat(all.get(1).failure()).hasMessage("branch 1 returned null"))
                .satisfies(all -> assertThat(all.get(2).value()).isEqualTo("c"));
    }

    @ParameterizedTest
    @EnumSource(Implementations.class)
    void nullOrEmptyBranchesAreRejectedBeforeAnyRuns(Implementations impl) {
        AtomicInteger ran = new AtomicInteger();
        List<Callable<Integer>> withNull = new ArrayList<>();
        withNull.add(ran::incrementAndGet);
        withNull.add(null);

        assertThatThrownBy(() -> impl.create().gather(withNull)).isInstanceOf(NullPointerException.class).hasMessage("branches[1] is null");
        assertThatThrownBy(() -> impl.create().gatherAll(List.<Callable<Integer>>of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("branches must not be empty: a fan-out needs at least one branch");
        assertThatThrownBy(() -> impl.create().gather(null)).hasMessage("branches must not be null");
        assertThat(ran.get()).isZero();
    }
}
