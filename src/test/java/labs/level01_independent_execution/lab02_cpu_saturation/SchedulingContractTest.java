package labs.level01_independent_execution.lab02_cpu_saturation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import labs.support.CpuWork;
import labs.support.DependsOnCoreCount;
import labs.support.Hint;
import labs.support.Implementation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab02 contract (see {@link Scheduling} and the lab's README), checked once for every
 * implementation. A new implementation joins {@link Scheduling#IMPLEMENTATIONS} and gets all of
 * these; the reports name it ({@code [3] reactor-parallel}).
 */
@DependsOnCoreCount
class SchedulingContractTest {

    private static final CpuWork TINY = CpuWork.ofRounds(10_000);
    /** How long a task waits, spinning, for its partner to start beside it before it gives up. */
    private static final long OVERLAP_BOUND_NANOS = TimeUnit.SECONDS.toNanos(5);

    static Stream<Implementation<IntFunction<Scheduling>>> implementations() {
        return Scheduling.IMPLEMENTATIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Turn each index into its task once (task.apply(i)), run each task once, and return only after the last one has ended.")
    void everyTaskRunsExactlyOnceAndRunAllReturnsAfterTheLastHasEnded(Implementation<IntFunction<Scheduling>> impl) throws Exception {
        AtomicIntegerArray runs = new AtomicIntegerArray(100);
        AtomicInteger ended = new AtomicInteger();

        impl.create().apply(4).runAll(100, i -> () -> {
            runs.incrementAndGet(i);
            TINY.run();
            ended.incrementAndGet();
        });

        assertThat(ended.get()).as("tasks that had ended when runAll returned, of 100").isEqualTo(100);
        List<String> notOnce = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (runs.get(i) != 1) {
                notOnce.add("task " + i + " ran " + runs.get(i) + " times");
            }
        }
        assertThat(notOnce).as("tasks that did not run exactly once").isEmpty();
    }

    /**
     * Guards against the tempting shortcut of handing the whole batch over at once (to a pool's
     * queue, or {@code flatMap} without its concurrency argument): it meets every other clause, but
     * then a task's wait grows with the batch, and the experiment's "waited" column would measure
     * the batch size instead of the scheduler.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Take the next task only when one of the W taken tasks has ended: a semaphore of W permits, or flatMap's concurrency argument.")
    void neverMoreThanWorkersTasksAreTakenAndUnfinishedAtOnce(Implementation<IntFunction<Scheduling>> impl) throws Exception {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();

        impl.create().apply(3).runAll(60, i -> {
            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            return () -> {
                TINY.run();
                open.decrementAndGet();
            };
        });

        assertThat(mostOpen.get()).as("most tasks taken and not yet ended at once, with 3 workers").isBetween(1, 3);
    }

    /**
     * Guards against the trivial "fix" of running the tasks one after another, which meets every
     * other clause: each of two tasks waits, spinning (never parking), until both have started.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("W workers must run W tasks at the same time when there are threads for them: start a task before the previous one has ended.")
    void twoWorkersRunTwoTasksAtTheSameTime(Implementation<IntFunction<Scheduling>> impl) throws Exception {
        // Reactor parallel() and RxJava computation() have one thread per core.
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "two tasks at once on a core-sized scheduler need 2 cores");
        AtomicInteger started = new AtomicInteger();
        AtomicInteger ranAlone = new AtomicInteger();

        impl.create().apply(2).runAll(2, i -> () -> {
            started.incrementAndGet();
            long deadline = System.nanoTime() + OVERLAP_BOUND_NANOS;
            while (started.get() < 2) {
                if (System.nanoTime() > deadline) {
                    ranAlone.incrementAndGet();
                    return;
                }
            }
        });

        assertThat(ranAlone.get()).as("tasks that ran alone for 5 s, the other not started: one after another").isZero();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The first task that throws ends the run with that very exception, unwrapped; once a failure is seen, take no further task.")
    void aTaskThatThrowsFailsTheRunWithItsOwnExceptionAndNoFurtherTaskIsTaken(Implementation<IntFunction<Scheduling>> impl) {
        IllegalStateException failure = new IllegalStateException("task 2 fails");
        AtomicInteger taken = new AtomicInteger();

        assertThat(catchThrowable(() -> impl.create().apply(1).runAll(10, i -> {
            taken.incrementAndGet();
            return () -> {
                if (i == 2) {
                    throw failure;
                }
            };
        }))).as("what runAll threw when task 2 threw").isSameAs(failure);
        assertThat(taken.get()).as("tasks taken, one worker, when task 2 failed").isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check the worker count and the task count before starting anything, and say what was wrong.")
    void workersBelowOneAndAnEmptyBatchAreRejectedBeforeAnythingIsTaken(Implementation<IntFunction<Scheduling>> impl) {
        AtomicInteger taken = new AtomicInteger();

        assertThat(catchThrowable(() -> impl.create().apply(0))).as("what making it with 0 workers threw")
                .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be >= 1 (got 0)");
        assertThat(catchThrowable(() -> impl.create().apply(2).runAll(0, i -> {
            taken.incrementAndGet();
            return () -> { };
        }))).as("what running a batch of 0 tasks threw").isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be >= 1 (got 0)");
        assertThat(taken.get()).as("tasks taken from a rejected batch").isZero();
    }
}
