package labs.level01_independent_execution.lab01_parallel_workers;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * YOUR lab01 Reactor implementation (started by {@code labs practice lab01}; check it with
 * {@code labs check lab01}). The spec: {@code docs/labs/level01_independent_execution/lab01_parallel_workers/README.md}.
 *
 * <p>Write the reactive core, {@link #outcomes(Flux, Function)}. The blocking edge ({@link #runAll})
 * and the list adapter are given: they only call your core. The contract it must meet:
 * <ol>
 *   <li>every task's work runs exactly once and its {@link Outcome} is emitted exactly once, in
 *       completion order, naming the task and the thread its work ran on;</li>
 *   <li>at most {@code workers} tasks' work run at the same time; the next task starts as soon as any
 *       ends (not in batches);</li>
 *   <li>each task's work runs on {@code scheduler} — the constructor's; the tests give a
 *       virtual-time one;</li>
 *   <li>the stream completes after the last outcome, never before;</li>
 *   <li>the first failing task ends the stream with {@link WorkerFailedException} naming it (cause =
 *       the task's exception), cancels the tasks still running, and starts no further task; an
 *       {@code Error} a task throws is not its failure: it ends the stream as it is, unwrapped.</li>
 * </ol>
 *
 * <p><b>Scheduler:</b> {@code scheduler}. <b>Backpressure:</b> your bound on the tasks in flight is
 * the only buffer: ask the source for one more task each time one ends.
 */
public final class ReactorWorkers implements ParallelWorkers {

    private final int workers;
    private final Scheduler scheduler;

    public ReactorWorkers(int workers) {
        this(workers, Schedulers.parallel());
    }

    public ReactorWorkers(int workers, Scheduler scheduler) {
        this.workers = ParallelWorkers.checkWorkers(workers);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public String name() {
        return "reactor";
    }

    @Override
    public int workers() {
        return workers;
    }

    /** The reactive core: see the class comment for its contract. */
    public <R> Flux<Outcome<R>> outcomes(Flux<Task<R>> tasks, Function<Task<R>, Mono<R>> work) {
        throw new UnsupportedOperationException("TODO(lab01): run each task's work on the scheduler, at most `workers` at once, "
                + "emitting an Outcome per task as it completes; the first failure becomes a WorkerFailedException");
    }

    /** The core over a checked list of tasks, each task's work being its callable. (Given.) */
    public <R> Flux<Outcome<R>> outcomes(List<Task<R>> tasks) {
        return outcomes(Flux.fromIterable(ParallelWorkers.checkTasks(tasks)), task -> Mono.fromCallable(task.body()));
    }

    /** The blocking edge. (Given.) */
    @Override
    public <R> List<Outcome<R>> runAll(List<Task<R>> tasks) {
        try {
            return outcomes(tasks).collectList().block();
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof Error error) { // block() wraps an Error: hand it on as it is
                throw error;
            }
            throw e;
        }
    }
}
