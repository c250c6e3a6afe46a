package labs.level01_independent_execution.lab01_parallel_workers;

import labs.support.Hint;
import labs.support.DependsOnCoreCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import labs.support.Implementation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab01 contract (see {@link ParallelWorkers} and the lab's README), checked once for every
 * implementation. A new implementation joins {@link ParallelWorkers#IMPLEMENTATIONS} and gets all of these;
 * the reports name it ({@code [3] reactor}).
 */
@DependsOnCoreCount
class ParallelWorkersContractTest {

    static Stream<Implementation<IntFunction<ParallelWorkers>>> implementations() {
        return ParallelWorkers.IMPLEMENTATIONS.stream();
    }

    /** Bounded wait for an event (all workers started): a hang becomes a failed assertion. */
    private static final long OVERLAP_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** How long the bound test's first task holds the only worker, watching for a second task. */
    private static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private static List<Task<Integer>> tasks(int count, IntFunction<Integer> body) {
        return IntStream.range(0, count).mapToObj(id -> new Task<>(id, () -> body.apply(id))).toList();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Each task is subscribed to (or submitted) once, and each outcome emitted once: no retries, no task dropped when another ends.")
    void everyTaskRunsExactlyOnceAndEveryOutcomeIsReturnedExactlyOnce(Implementation<IntFunction<ParallelWorkers>> impl) {
        ConcurrentHashMap<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<Outcome<Integer>> outcomes = impl.create().apply(4).runAll(tasks(100, id -> {
            runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return id * id;
        }));

        assertThat(outcomes).hasSize(100);
        assertThat(outcomes).extracting(Outcome::taskId).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).boxed().toList());
        assertThat(outcomes).allSatisfy(o -> assertThat(o.value()).isEqualTo(o.taskId() * o.taskId()));
        assertThat(runs.values()).as("each task's invocation count").allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    /**
     * Guards against starting every task at once. With one worker, task 0 holds that worker
     * (spinning, not blocking, for at most {@link #HOLD_NANOS}) watching for task 1 to start beside
     * it. A bounded implementation never lets it, so the hold always runs out; an unbounded one starts
     * task 1 on a second thread at once. (It needs 2 cores to show on the core-sized schedulers; on
     * one core it could only pass falsely, never fail falsely.)
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Something must hold the next task back until a running one ends: a concurrency argument, a window of submissions, a permit.")
    void neverMoreThanWorkersTasksRunAtOnce(Implementation<IntFunction<ParallelWorkers>> impl) {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        impl.create().apply(1).runAll(tasks(2, id -> {
            started.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            long deadline = System.nanoTime() + HOLD_NANOS;
            while (started.get() < 2 && System.nanoTime() < deadline) {
                // hold the worker: a second task running now would break the bound
            }
            inFlight.decrementAndGet();
            return id;
        }));

        assertThat(maxInFlight.get()).as("most tasks running at once with one worker").isEqualTo(1);
    }

    /**
     * Guards against the trivial "fix" of running the tasks one after another (which meets every
     * other clause of the contract): each task waits, without blocking, until both are running.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Running the tasks one after another meets every other clause. Where does each task's work run, and does anything wait for one task before starting the next?")
    void tasksReallyRunAtTheSameTimeNotOneAfterAnother(Implementation<IntFunction<ParallelWorkers>> impl) {
        // Reactor parallel() and RxJava computation() have one thread per core.
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "overlap on a core-sized scheduler needs 2 cores");
        AtomicInteger started = new AtomicInteger();
        List<Outcome<Integer>> outcomes = impl.create().apply(2).runAll(tasks(2, id -> {
            started.incrementAndGet();
            long deadline = System.nanoTime() + OVERLAP_DEADLINE_NANOS;
            while (started.get() < 2) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("task " + id + " ran alone: the tasks are run one after another");
                }
                // A bare spin, not Thread.onSpinWait(): BlockHound counts that as blocking on JDK 25.
            }
            return id;
        }));

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes).extracting(Outcome::thread).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The task's exception must reach the caller wrapped once, in WorkerFailedException(taskId, cause) — not swallowed, not wrapped twice.")
    void aFailingTaskIsReportedWithItsIdAndCauseNotSwallowed(Implementation<IntFunction<ParallelWorkers>> impl) {
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> impl.create().apply(3).runAll(tasks(10, id -> {
            if (id == 6) {
                throw boom;
            }
            return id;
        })))
                .isInstanceOf(WorkerFailedException.class)
                .hasMessage("task 6 failed: java.lang.IllegalStateException: boom")
                .hasCause(boom);
    }

    /** Not a task's failure: the JVM's or the harness's. */
    private static final class TaskError extends Error {
        TaskError(String message) {
            super(message);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Wrap a task's Exception in WorkerFailedException; let an Error (OutOfMemoryError, AssertionError) through as it is, after the run has ended.")
    void anErrorThrownByATaskIsRethrownAsItIsNotWrappedAsATaskFailure(Implementation<IntFunction<ParallelWorkers>> impl) {
        TaskError error = new TaskError("not a task failure");

        assertThatThrownBy(() -> impl.create().apply(2).runAll(tasks(4, id -> {
            if (id == 1) {
                throw error;
            }
            return id;
        }))).as("what runAll threw").isSameAs(error);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Once a failure is seen, nothing new may start: the source of tasks must be cancelled (or the loop that submits them must stop) before the next one is handed over.")
    void afterAFailureNoFurtherTaskIsStarted(Implementation<IntFunction<ParallelWorkers>> impl) {
        List<Integer> started = new ArrayList<>();

        assertThatThrownBy(() -> impl.create().apply(1).runAll(tasks(10, id -> {
            synchronized (started) {
                started.add(id);
            }
            if (id == 2) {
                throw new IllegalStateException("task 2 breaks");
            }
            return id;
        }))).isInstanceOf(WorkerFailedException.class);

        assertThat(started).containsExactly(0, 1, 2);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An empty list completes at once with no outcome.")
    void noTasksMeansNoOutcomesAndNoWaiting(Implementation<IntFunction<ParallelWorkers>> impl) {
        assertThat(impl.create().apply(3).runAll(List.<Task<Integer>>of())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check the arguments in the constructor, before anything is built or started.")
    void zeroOrNegativeWorkersAreRejectedBeforeAnythingStarts(Implementation<IntFunction<ParallelWorkers>> impl) {
        assertThatThrownBy(() -> impl.create().apply(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers must be >= 1 (got 0)");
        assertThatThrownBy(() -> impl.create().apply(-3)).hasMessage("workers must be >= 1 (got -3)");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check the whole list before starting the first task (ParallelWorkers.checkTasks).")
    void nullOrDuplicateTasksAreRejectedBeforeAnyRuns(Implementation<IntFunction<ParallelWorkers>> impl) {
        AtomicInteger ran = new AtomicInteger();
        List<Task<Integer>> withNull = new ArrayList<>(tasks(2, id -> ran.incrementAndGet()));
        withNull.add(null);
        List<Task<Integer>> duplicated = List.of(new Task<>(7, ran::incrementAndGet), new Task<>(7, ran::incrementAndGet));

        assertThatThrownBy(() -> impl.create().apply(2).runAll(withNull)).isInstanceOf(NullPointerException.class).hasMessage("tasks[2] is null");
        assertThatThrownBy(() -> impl.create().apply(2).runAll(duplicated)).hasMessage("task id 7 appears twice; ids must be unique");
        assertThatThrownBy(() -> impl.create().apply(2).runAll(null)).hasMessage("tasks must not be null");
        assertThat(ran.get()).as("tasks run despite bad input").isZero();
    }
}
