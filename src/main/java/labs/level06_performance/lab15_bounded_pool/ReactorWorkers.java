package labs.level06_performance.lab15_bounded_pool;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import labs.support.Result;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: {@code jobs.flatMap(job -> work(job).subscribeOn(scheduler), workers)}.
 *
 * <p>The reactive core is {@link #settle(Flux, Function)}: the jobs as a {@code Flux}, how a job's
 * work becomes a {@code Mono} (its callable; {@code Mono.delay} in the virtual-time tests), the
 * settlements out. {@link #runAll} is the thin blocking edge over it.
 *
 * <p><b>Scheduler:</b> the constructor's; {@link Schedulers#boundedElastic()} by default, since a
 * job stands for a blocking call. Whatever {@code workers} says, no more jobs run at once than the
 * scheduler has threads: {@code boundedElastic()} has {@link Schedulers#DEFAULT_BOUNDED_ELASTIC_SIZE}
 * (10 per core), and a job subscribed beyond that waits in the scheduler's queue — which is why
 * {@link #waitingRoom()} is not always 0.
 *
 * <p><b>Backpressure:</b> the whole point. {@code flatMap} requests {@code workers} jobs from the
 * source and one more each time a job ends, so the source is <em>pulled</em>: a job is taken only
 * when a worker is free ({@link Overload#HOLD_BACK}), and nothing queues in between. The jobs that
 * cannot start yet stay in the source (for {@code Flux.fromIterable}, in the caller's list); a hot
 * source that ignores demand would meet {@code flatMap}'s bound as an overflow error instead.
 * {@code capacity} is accepted and unused. Settlements are emitted as jobs end, on demand.
 *
 * <p>A job that throws is settled as a failed {@link Settled.Ran}, not an error of the stream: one
 * bad job must not cancel the others.
 */
public final class ReactorWorkers implements BoundedWorkers {

    private final int workers;
    private final int capacity;
    private final Scheduler scheduler;
    private final int waitingRoom;

    public ReactorWorkers(int workers, int capacity) {
        this(workers, capacity, Schedulers.boundedElastic(), Math.max(0, workers - Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE));
    }

    /** The core on {@code scheduler}, which must have a thread for each of the {@code workers}. */
    public ReactorWorkers(int workers, int capacity, Scheduler scheduler) {
        this(workers, capacity, scheduler, 0);
    }

    private ReactorWorkers(int workers, int capacity, Scheduler scheduler, int waitingRoom) {
        this.workers = BoundedWorkers.checkWorkers(workers);
        this.capacity = BoundedWorkers.checkCapacity(capacity);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.waitingRoom = waitingRoom;
    }

    @Override
    public String name() {
        return "reactor-flatmap";
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
        return waitingRoom;
    }

    @Override
    public Overload overload() {
        return Overload.HOLD_BACK;
    }

    /**
     * The reactive core: each job's {@code work} subscribed on the scheduler, at most
     * {@code workers} at once, the next job requested from {@code jobs} as soon as one ends; a
     * {@link Settled.Ran} per job, in completion order. Never a {@link Settled.Refused}: the source
     * waits instead.
     */
    public Flux<Settled> settle(Flux<Job> jobs, Function<Job, Mono<Long>> work) {
        Objects.requireNonNull(work, "work");
        return jobs.flatMap(job -> work.apply(job)
                .map(value -> ran(job, Result.success(value)))
                .switchIfEmpty(Mono.fromSupplier(() -> ran(job, Result.failure(new NullPointerException("the work returned null")))))
                // A job's exception is its result; an Error is not, and ends the stream as it is.
                .onErrorResume(Exception.class, e -> Mono.just(ran(job, Result.failure(e))))
                .subscribeOn(scheduler), workers);
    }

    private static Settled ran(Job job, Result<Long> result) {
        return new Settled.Ran(job.id(), result, Thread.currentThread().getName());
    }

    /** The blocking edge: blocks the caller, never a scheduler thread. */
    @Override
    public Report runAll(List<Job> jobs) {
        List<Job> checked = BoundedWorkers.checkJobs(jobs);
        try {
            return Report.of(settle(Flux.fromIterable(checked), job -> Mono.fromCallable(job.body())).collectList().block());
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof Error error) {
                throw error; // block() wraps an Error it cannot throw as it is
            }
            throw e;
        }
    }
}
