package labs.level01_independent_execution.lab01_parallel_workers;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.Objects;

/**
 * RxJava 3: {@code flatMapSingle(task -> Single.fromCallable(task).subscribeOn(scheduler), false, workers)}.
 *
 * <p><b>Scheduler:</b> {@link Schedulers#computation()} by default — one thread per core, for
 * CPU-bound work (our BlockHound integration flags blocking calls there). Use
 * {@link Schedulers#io()} for blocking tasks.
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

    /** The reactive API: outcomes as they complete. */
    public <R> Flowable<Outcome<R>> outcomes(List<Task<R>> tasks) {
        List<Task<R>> checked = ParallelWorkers.checkTasks(tasks);
        return inParallel(Flowable.fromIterable(checked), task -> Single.fromCallable(task.body())
                .subscribeOn(scheduler)
                .map(value -> new Outcome<>(task.id(), value, Thread.currentThread().getName()))
                .onErrorResumeNext(e -> Single.error(new WorkerFailedException(task.id(), e))), workers);
    }

    /** RxJava's twin of {@link ReactorWorkers#inParallel}: at most {@code workers} in flight. */
    public static <T, R> Flowable<R> inParallel(Flowable<T> tasks, Function<T, Single<R>> work, int workers) {
        return tasks.flatMapSingle(work, false, ParallelWorkers.checkWorkers(workers));
    }

    @Override
    public <R> List<Outcome<R>> runAll(List<Task<R>> tasks) {
        return outcomes(tasks).toList().blockingGet();
    }
}
