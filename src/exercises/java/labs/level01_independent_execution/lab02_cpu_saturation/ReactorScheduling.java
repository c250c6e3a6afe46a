package labs.level01_independent_execution.lab02_cpu_saturation;

import java.util.function.Function;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * YOUR TURN (lab02): run a batch of tasks on a Reactor scheduler with at most {@code workers} at
 * once — {@code reactor-parallel} gives you {@code Schedulers.parallel()}, {@code reactor-elastic}
 * {@code Schedulers.boundedElastic()}. This file replaces the reference {@code ReactorScheduling};
 * the lab's tests, its marble diagrams, BlockHound and the leak check then run against yours.
 *
 * <p>The contract ({@link Scheduling} has it in full):
 * <ol>
 *   <li>Every task runs exactly once; {@link #runAll} returns after the last one has ended.</li>
 *   <li>A task is taken ({@code task.apply(i)}, or the next element of {@code tasks}) only when one
 *       of the {@code workers} slots is free: never the whole batch up front.</li>
 *   <li>When the scheduler has the threads, {@code workers} tasks do run at the same time.</li>
 *   <li>A task that throws ends the run with that very exception; no further task is taken.</li>
 *   <li>A batch that has not ended within {@link Scheduling#BATCH_WITHIN} fails the run.</li>
 *   <li>Bad input (fewer than one worker, an empty batch) is rejected before anything starts, with
 *       the messages of {@link Scheduling#checkWorkers} and {@link Scheduling#checkTasks}.</li>
 * </ol>
 *
 * <p>The shape: a reactive core ({@link #completions}) that the virtual-time tests and the marbles
 * drive with timers on a virtual clock, and a blocking edge ({@link #runAll}) that is a thin
 * adapter over it, blocking once on the caller's thread. Nothing on the scheduler's threads may
 * block or wait for a lock: BlockHound is watching {@code parallel()}.
 *
 * <p>Run the checks: {@code ./mvnw -B -ntp test -Dtest='labs.level01_independent_execution.lab02_cpu_saturation.**,MarbleDiagramsTest'}.
 */
public final class ReactorScheduling implements Scheduling {

    private final int workers;
    private final Scheduler scheduler;

    public ReactorScheduling(int workers, Scheduler scheduler) {
        // TODO(lab02): reject bad input here, before anything is built (clause 6).
        this.workers = workers;
        this.scheduler = scheduler;
    }

    @Override
    public int workers() {
        return workers;
    }

    /**
     * The reactive core: subscribe to each task's {@code work} on this scheduler, at most
     * {@code workers} at once, taking the next task from {@code tasks} as soon as one completes;
     * emit each task when its work completes. Call {@code work.apply(task)} only when the task
     * starts, on the scheduler — the marbles record "started" there.
     */
    public <T> Flux<T> completions(Flux<T> tasks, Function<? super T, ? extends Mono<?>> work) {
        throw new UnsupportedOperationException("TODO(lab02): run each task's work on the scheduler, at most 'workers' at once, and emit each task as its work completes");
    }

    /**
     * The blocking edge over {@link #completions}: tasks {@code 0 … tasks-1}, each made by
     * {@code task.apply(i)} when it is taken, each run as it is (its work is the Runnable itself).
     * Block once, here, and rethrow a task's failure as it is.
     */
    @Override
    public void runAll(int tasks, IntFunction<? extends Runnable> task) {
        throw new UnsupportedOperationException("TODO(lab02): make the tasks lazily, run them through completions(...) and wait for the batch to end");
    }
}
