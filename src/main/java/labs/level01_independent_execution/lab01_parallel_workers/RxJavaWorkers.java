package labs.level01_independent_execution.lab01_parallel_workers;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.Objects;

/**
 * RxJava 3: {@code flatMapSingle(task -> work(task).subscribeOn(scheduler), false, workers)}.
 *
 * <p>The reactive core is {@link #outcomes(Flowable, Function)}; {@link #runAll} is a thin
 * blocking edge over it, and the virtual-time tests and marbles drive the core with
 * {@code Single.timer} on a {@code TestScheduler} passed to the constructor.
 *
 * <p><b>Scheduler:</b> the one given to the constructor; {@link Schedulers#computation()} by
 * default — one thread per core, for CPU-bound work (our BlockHound integration flags blocking
 * calls there). Use {@link Schedulers#io()} for blocking tasks.
 *
 * <p><b>Backpressure:</b> {@code Flowable} honours downstream demand; {@code maxConcurrency} bounds
 * the tasks in flight and requests one more from the source as each completes.
 *
 * <p>{@code delayErrors = false}: the first failure cancels the source and the running siblings,
 * matching the contract (and {@link ReactorWorkers}).
 */
public final class RxJavaWorkers implements ParallelWorkers {

    private final int workers;
    private final Scheduler scheduler;

    public RxJavaWorkers(int workers) {
        this(workers, Schedulers.computation());
    }

    public RxJavaWorkers(int workers, Scheduler scheduler) {
        this.workers = ParallelWorkers.checkWorkers(workers);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public String name() {
        return "rxjava";
    }

    @Override
    public int workers() {
        return workers;
    }

    /** The reactive core, RxJava's twin of {@link ReactorWorkers#outcomes(reactor.core.publisher.Flux, java.util.function.Function)}. */
    public <R> Flowable<Outcome<R>> outcomes(Flowable<Task<R>> tasks, Function<Task<R>, Single<R>> work) {
        Objects.requireNonNull(work, "work");
        return tasks.flatMapSingle(task -> work.apply(task)
                .subscribeOn(scheduler)
                .map(value -> new Outcome<>(task.id(), value, Thread.currentThread().getName()))
                // A task's exception is its failure; an Error goes up as it is (blockingGet rethrows it unwrapped).
                .onErrorResumeNext(e -> Single.error(e instanceof Exception ? new WorkerFailedException(task.id(), e) : e)), false, workers);
    }

    /** The core over a checked list of tasks, each task's work being its callable. */
    public <R> Flowable<Outcome<R>> outcomes(List<Task<R>> tasks) {
        return outcomes(Flowable.fromIterable(ParallelWorkers.checkTasks(tasks)), task -> Single.fromCallable(task.body()));
    }

    /** The blocking edge. */
    @Override
    public <R> List<Outcome<R>> runAll(List<Task<R>> tasks) {
        return outcomes(tasks).toList().blockingGet();
    }
}
