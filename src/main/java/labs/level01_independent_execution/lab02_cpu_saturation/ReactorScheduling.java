package labs.level01_independent_execution.lab02_cpu_saturation;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: {@code flatMap(task -> work(task).subscribeOn(scheduler), workers)} — {@code reactor-parallel}
 * on {@link Schedulers#parallel()}, {@code reactor-elastic} on {@link Schedulers#boundedElastic()}.
 *
 * <p>The reactive core is {@link #completions(Flux, Function)}: it takes the tasks as a {@code Flux}
 * and how a task's work becomes a {@code Mono}, and emits each task as its work completes. The
 * blocking {@link #runAll} is a thin edge over it ({@code Mono.fromRunnable(task)}, then one
 * {@code block()} on the caller's thread); the virtual-time tests and the marble diagrams drive the
 * same core with timed work ({@code Mono.delay} on the virtual-time scheduler given to the constructor).
 *
 * <p><b>Scheduler:</b> the one given to the constructor runs every task's work. {@code parallel()}
 * has one thread per core and is for non-blocking work only (BlockHound rejects a blocking call
 * there); {@code boundedElastic()} grows to ten threads per core, for blocking work. Whatever
 * {@code workers} says, no more tasks run at once than the scheduler has threads: the others wait
 * in its queue, taken but not started.
 *
 * <p><b>Backpressure:</b> {@code flatMap}'s concurrency argument is the window: it requests
 * {@code workers} tasks from the source and one more each time a task's work completes, so the
 * source is never read ahead. Completions are emitted as they happen and honour downstream demand.
 *
 * <p>A task that fails ends the stream with its error; {@code flatMap} cancels the source (no
 * further task is taken) and the other tasks' work.
 */
public final class ReactorScheduling implements Scheduling {

    private final int workers;
    private final Scheduler scheduler;

    public ReactorScheduling(int workers, Scheduler scheduler) {
        this.workers = Scheduling.checkWorkers(workers);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public int workers() {
        return workers;
    }

    /**
     * The reactive core: each task's {@code work} subscribed on this scheduler, at most
     * {@code workers} at once, the next taken from {@code tasks} as soon as one completes; each task
     * is emitted when its work completes. {@code work.apply(task)} is called when the task starts:
     * when its subscription runs on the scheduler. Subscribe to start; cancel to stop.
     */
    public <T> Flux<T> completions(Flux<T> tasks, Function<? super T, ? extends Mono<?>> work) {
        Objects.requireNonNull(work, "work");
        return tasks.flatMap(task -> Mono.defer(() -> work.apply(task)).subscribeOn(scheduler).thenReturn(task), workers);
    }

    /**
     * The blocking edge: blocks the calling thread — only ever outside the reactive world. An error
     * a task threw (Reactor wraps it to cross {@code block()}) is rethrown as it is.
     */
    @Override
    public void runAll(int tasks, IntFunction<? extends Runnable> task) {
        Scheduling.checkTasks(tasks);
        Objects.requireNonNull(task, "task");
        try {
            completions(Flux.range(0, tasks).map(task::apply), Mono::fromRunnable).then().block(BATCH_WITHIN);
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
