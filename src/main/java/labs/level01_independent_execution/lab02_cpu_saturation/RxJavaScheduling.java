package labs.level01_independent_execution.lab02_cpu_saturation;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * RxJava 3: {@code flatMapSingle(task -> work(task).subscribeOn(scheduler).toSingleDefault(task), false, workers)}
 * — {@code rxjava-computation} on {@link Schedulers#computation()}, {@code rxjava-io} on {@link Schedulers#io()}.
 *
 * <p>The reactive core is {@link #completions(Flowable, Function)}; {@link #runAll} is a thin
 * blocking edge over it ({@code Completable.fromRunnable(task)}, then one {@code blockingAwait}),
 * and the virtual-time tests and marbles drive the core with {@code Completable.timer} on a
 * {@code TestScheduler} given to the constructor.
 *
 * <p><b>Scheduler:</b> the one given to the constructor runs every task's work.
 * {@code computation()} has one thread per core, for CPU-bound work (our BlockHound integration
 * flags a blocking call there); {@code io()} is an unbounded, cached pool for blocking work.
 *
 * <p><b>Backpressure:</b> {@code maxConcurrency} is the window: it requests {@code workers} tasks
 * from the source and one more as each completes. Completions honour downstream demand.
 *
 * <p>{@code delayErrors = false}: the first failure cancels the source (no further task is taken)
 * and the running siblings, matching the contract and {@link ReactorScheduling}.
 */
public final class RxJavaScheduling implements Scheduling {

    private final int workers;
    private final Scheduler scheduler;

    public RxJavaScheduling(int workers, Scheduler scheduler) {
        this.workers = Scheduling.checkWorkers(workers);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public int workers() {
        return workers;
    }

    /**
     * The reactive core, RxJava's twin of {@link ReactorScheduling#completions(reactor.core.publisher.Flux, java.util.function.Function)}:
     * {@code work.apply(task)} is called when the task starts, on the scheduler; each task is emitted when its work completes.
     */
    public <T> Flowable<T> completions(Flowable<T> tasks, Function<? super T, ? extends Completable> work) {
        Objects.requireNonNull(work, "work");
        return tasks.flatMapSingle(task -> Completable.defer(() -> work.apply(task)).subscribeOn(scheduler).toSingleDefault(task), false, workers);
    }

    /** The blocking edge; a task's exception or error comes out of {@code blockingAwait} as it is. */
    @Override
    public void runAll(int tasks, IntFunction<? extends Runnable> task) {
        Scheduling.checkTasks(tasks);
        Objects.requireNonNull(task, "task");
        boolean ended = completions(Flowable.range(0, tasks).map(task::apply), Completable::fromRunnable)
                .ignoreElements()
                .blockingAwait(BATCH_WITHIN.toNanos(), TimeUnit.NANOSECONDS);
        if (!ended) { // blockingAwait has disposed of the batch
            throw new IllegalStateException("lab02 rxjava: the batch did not end within " + BATCH_WITHIN.toMinutes() + " minutes");
        }
    }
}
