package labs.level01_independent_execution.lab01_parallel_workers;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: {@code flatMap(task -> Mono.fromCallable(task).subscribeOn(scheduler), workers)}.
 *
 * <p><b>Scheduler:</b> {@link Schedulers#parallel()} by default — sized to the core count and
 * meant for CPU-bound, non-blocking work (BlockHound rejects blocking calls there). Pass
 * {@link Schedulers#boundedElastic()} for blocking tasks. Whatever {@code workers} says, no more
 * tasks run at once than the scheduler has threads: {@code parallel()} caps oversubscription.
 *
 * <p><b>Backpressure:</b> {@code flatMap}'s concurrency argument is the worker bound: it requests
 * {@code workers} tasks from the source and one more each time an inner {@code Mono} completes.
 * Outcomes are emitted as they complete, so downstream demand is honoured item by item.
 *
 * <p>On the first failure {@code flatMap} cancels the source (no further task starts) and the
 * other inner {@code Mono}s (their scheduled work is disposed, which interrupts a running task).
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

    /** The reactive API: outcomes as they complete; subscribe to start, cancel to stop. */
    public <R> Flux<Outcome<R>> outcomes(List<Task<R>> tasks) {
        List<Task<R>> checked = ParallelWorkers.checkTasks(tasks);
        return inParallel(Flux.fromIterable(checked), task -> Mono.fromCallable(task.body())
                .subscribeOn(scheduler)
                .map(value -> new Outcome<>(task.id(), value, Thread.currentThread().getName()))
                .onErrorMap(e -> new WorkerFailedException(task.id(), e)), workers);
    }

    /**
     * The shape of this lab in one operator: at most {@code workers} pieces of work in flight, the
     * next one started as soon as any finishes, results in completion order. The failure scenarios
     * drive it with timed work in virtual time.
     */
    public static <T, R> Flux<R> inParallel(Flux<T> tasks, Function<T, Mono<R>> work, int workers) {
        return tasks.flatMap(work, ParallelWorkers.checkWorkers(workers));
    }

    /** Blocks the calling thread — only ever at the edge of the reactive world, never on {@code parallel()}. */
    @Override
    public <R> List<Outcome<R>> runAll(List<Task<R>> tasks) {
        return outcomes(tasks).collectList().block();
    }
}
