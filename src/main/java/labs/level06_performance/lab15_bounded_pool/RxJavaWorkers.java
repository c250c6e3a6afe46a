package labs.level06_performance.lab15_bounded_pool;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.Objects;
import labs.support.Result;

/**
 * RxJava 3: {@code jobs.flatMapSingle(job -> work(job).subscribeOn(scheduler), false, workers)},
 * the twin of {@link ReactorWorkers}.
 *
 * <p>The reactive core is {@link #settle(Flowable, Function)}; {@link #runAll} is the thin blocking
 * edge. The virtual-time tests give it a {@code TestScheduler} and {@code Single.timer} work.
 *
 * <p><b>Scheduler:</b> the constructor's; {@link Schedulers#io()} by default — a cached pool that
 * makes a thread whenever none is free, for blocking work. So here the bound is {@code flatMap}'s
 * alone: no scheduler cap below it, and the waiting room is 0 however many workers are asked for.
 *
 * <p><b>Backpressure:</b> {@code Flowable.flatMapSingle} with {@code maxConcurrency} requests that
 * many jobs and one more as each ends: the source is pulled, the producer held back
 * ({@link Overload#HOLD_BACK}). {@code capacity} is accepted and unused. A job that throws is a failed
 * {@link Settled.Ran}; {@code delayErrors = false} matters only for an {@code Error}, which ends the
 * stream.
 */
public final class RxJavaWorkers implements BoundedWorkers {

    private final int workers;
    private final int capacity;
    private final Scheduler scheduler;

    public RxJavaWorkers(int workers, int capacity) {
        this(workers, capacity, Schedulers.io());
    }

    public RxJavaWorkers(int workers, int capacity, Scheduler scheduler) {
        this.workers = BoundedWorkers.checkWorkers(workers);
        this.capacity = BoundedWorkers.checkCapacity(capacity);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public String name() {
        return "rxjava-flatmap";
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int waitingRoom() {
        return 0;
    }

    @Override
    public Overload overload() {
        return Overload.HOLD_BACK;
    }

    /** The reactive core, RxJava's twin of {@link ReactorWorkers#settle(reactor.core.publisher.Flux, java.util.function.Function)}. */
    public Flowable<Settled> settle(Flowable<Job> jobs, Function<Job, Single<Long>> work) {
        Objects.requireNonNull(work, "work");
        return jobs.flatMapSingle(job -> work.apply(job)
                .map(value -> ran(job, Result.success(value)))
                // A job's exception is its result; an Error is not, and ends the stream as it is.
                .onErrorResumeNext(e -> e instanceof Exception ? Single.just(ran(job, Result.failure(e))) : Single.error(e))
                .subscribeOn(scheduler), false, workers);
    }

    private static Settled ran(Job job, Result<Long> result) {
        return new Settled.Ran(job.id(), result, Thread.currentThread().getName());
    }

    @Override
    public Report runAll(List<Job> jobs) {
        List<Job> checked = BoundedWorkers.checkJobs(jobs);
        return Report.of(settle(Flowable.fromIterable(checked), job -> Single.fromCallable(job.body())).toList().blockingGet());
    }
}
