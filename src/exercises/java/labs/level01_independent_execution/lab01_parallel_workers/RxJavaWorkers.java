package labs.level01_independent_execution.lab01_parallel_workers;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.Objects;

/**
 * YOUR lab01 RxJava implementation (started by {@code labs practice lab01}; check it with
 * {@code labs check lab01}). The same contract as {@code ReactorWorkers} (see its class comment and
 * the lab's README), in RxJava 3: write the core, {@link #outcomes(Flowable, Function)}; the edge is
 * given.
 *
 * <p><b>Scheduler:</b> {@code scheduler} ({@code computation()} by default; the tests give a
 * {@code TestScheduler}). <b>Backpressure:</b> at most {@code workers} tasks in flight, one more
 * requested from the source as each ends.
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

    /** The reactive core: every task's work on the scheduler, at most {@code workers} at once, outcomes as they complete. */
    public <R> Flowable<Outcome<R>> outcomes(Flowable<Task<R>> tasks, Function<Task<R>, Single<R>> work) {
        throw new UnsupportedOperationException("TODO(lab01): the RxJava twin of ReactorWorkers.outcomes — mind which operator "
                + "delays errors and which does not");
    }

    /** The core over a checked list of tasks. (Given.) */
    public <R> Flowable<Outcome<R>> outcomes(List<Task<R>> tasks) {
        return outcomes(Flowable.fromIterable(ParallelWorkers.checkTasks(tasks)), task -> Single.fromCallable(task.body()));
    }

    /** The blocking edge. (Given.) */
    @Override
    public <R> List<Outcome<R>> runAll(List<Task<R>> tasks) {
        return outcomes(tasks).toList().blockingGet();
    }
}
