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
 * Reactor: {@code flatMap(task -> work(task).subscribeOn(scheduler), workers)}.
 *
 * <p>The reactive core is {@link #outcomes(Flux, Function)}: it takes the tasks as a {@code Flux}
 * and how a task's work becomes a {@code Mono}, and returns the outcomes. The blocking
 * {@link #runAll} is a thin edge over it ({@code Mono.fromCallable(task.body())}, then
 * {@code block()}); the virtual-time tests and the marble diagrams drive the same core with timed
 * work ({@code Mono.delay} on a virtual-time scheduler passed to the constructor).
 *
 * <p><b>Scheduler:</b> the one given to the constructor; {@link Schedulers#parallel()} by default —
 * sized to the core count and meant for CPU-bound, non-blocking work (BlockHound rejects blocking
 * calls there). Pass {@link Schedulers#boundedElastic()} for blocking tasks. Whatever
 * {@code workers} says, no more tasks run at once than the scheduler has threads.
 *
 * <p><b>Backpressure:</b> {@code flatMap}'s concurrency argument is the worker bound: it requests
 * {@code workers} tasks from the source and one more each time a task's work completes. Outcomes
 * are emitted as they complete, so downstream demand is honoured item by item.
 *
 * <p>On the first failure {@code flatMap} cancels the source (no further task starts) and the
 * other tasks' work (their scheduled work is disposed, which interrupts a running callable).
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

    /**
     * The reactive core: each task's {@code work} subscribed on this scheduler, at most
     * {@code workers} at once, the next started as soon as any ends; outcomes in completion order.
     * A task whose work fails ends the stream with {@link WorkerFailedException} naming it (an
     * {@code Error} as it is), and cancels the rest. Subscribe to start; cancel to stop.
     */
    public <R> Flux<Outcome<R>> outcomes(Flux<Task<R>> tasks, Function<Task<R>, Mono<R>> work) {
        Objects.requireNonNull(work, "work");
        // work.apply(task) straight onto subscribeOn, no Mono.defer around it: a Mono.fromCallable
        // under subscribeOn runs as one scheduled task, and a cancelled sibling's late failure (an
        // interrupted callable) is dropped quietly instead of being logged from the scheduler's thread.
        return tasks.flatMap(task -> work.apply(task)
                .subscribeOn(scheduler)
                .map(value -> new Outcome<>(task.id(), value, Thread.currentThread().getName()))
                // A task's exception is its failure; an Error is the JVM's or the harness's, and goes up as it is.
                .onErrorMap(Exception.class::isInstance, e -> new WorkerFailedException(task.id(), e)), workers);
    }

    /** The core over a checked list of tasks, each task's work being its callable. */
    public <R> Flux<Outcome<R>> outcomes(List<Task<R>> tasks) {
        return outcomes(Flux.fromIterable(ParallelWorkers.checkTasks(tasks)), task -> Mono.fromCallable(task.body()));
    }

    /** The blocking edge: blocks the calling thread — only ever outside the reactive world, never on {@code parallel()}. */
    @Override
    public <R> List<Outcome<R>> runAll(List<Task<R>> tasks) {
        try {
            return outcomes(tasks).collectList().block();
        } catch (RuntimeException e) {
            // block() wraps an Error it cannot throw as is (ReactiveException): unwrap it, so a task's
            // Error reaches the caller unchanged, as it does from the other implementations.
            if (Exceptions.unwrap(e) instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
