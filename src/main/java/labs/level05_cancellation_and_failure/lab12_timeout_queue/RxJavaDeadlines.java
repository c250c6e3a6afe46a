package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * RxJava 3, the twin of {@link ReactorDeadlines}: {@code concatMapSingle} with a per-item
 * {@code timeout(budget, unit, scheduler, fallback)} (or without the fallback), timed
 * {@code buffer(maxWait, unit, scheduler, maxSize)}, and a deadline fixed at arrival and shared by
 * the stages.
 *
 * <p>{@link #batches} is not Reactor's {@code bufferTimeout}: RxJava's timed buffer cuts
 * <em>windows</em> of {@code maxWait} on a clock of its own, from the subscription on, and emits
 * whatever a window holds when it closes — an empty list too — or earlier when {@code maxSize} items
 * came. Reactor's starts the wait with a batch's first item and emits no empty batch. The diagrams
 * draw both.
 *
 * <p><b>Scheduler:</b> the one given to the constructor ({@link Schedulers#computation()} by
 * default) runs the timers and reads the clock.
 *
 * <p><b>Backpressure:</b> {@code concatMapSingle} settles one item at a time, following downstream
 * demand; it prefetches two items ({@link #eachWithin}, {@link #eachOrFail}) or
 * {@code ReactorDeadlines.AHEAD} ({@link #beforeDeadline}, whose deadlines run while they wait). The timed buffer does not wait for demand: a window that closes when
 * nothing was requested fails the stream with {@code MissingBackpressureException} — ask for batches
 * as fast as the windows close (or put a buffer behind it).
 */
public final class RxJavaDeadlines {

    private final Scheduler scheduler;

    public RxJavaDeadlines() {
        this(Schedulers.computation());
    }

    public RxJavaDeadlines(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    }

    public <T, R> Flowable<Settled<T, R>> eachWithin(Flowable<T> items, Duration budget, Function<T, Single<R>> service) {
        long nanos = TimeoutQueue.nanos(ReactorDeadlines.checkBudget(budget));
        Objects.requireNonNull(service, "service must not be null");
        return items.concatMapSingle(item -> service.apply(item)
                .map(answer -> Settled.<T, R>delivered(item, answer))
                .timeout(nanos, TimeUnit.NANOSECONDS, scheduler, Single.fromSupplier(() -> Settled.expired(item))));
    }

    public <T, R> Flowable<Settled<T, R>> eachOrFail(Flowable<T> items, Duration budget, Function<T, Single<R>> service) {
        long nanos = TimeoutQueue.nanos(ReactorDeadlines.checkBudget(budget));
        Objects.requireNonNull(service, "service must not be null");
        return items.concatMapSingle(item -> service.apply(item)
                .map(answer -> Settled.<T, R>delivered(item, answer))
                .timeout(nanos, TimeUnit.NANOSECONDS, scheduler));
    }

    public <T> Flowable<List<T>> batches(Flowable<T> items, int maxSize, Duration maxWait) {
        ReactorDeadlines.checkBatch(maxSize, maxWait);
        return items.buffer(TimeoutQueue.nanos(maxWait), TimeUnit.NANOSECONDS, scheduler, maxSize);
    }

    public <T, M, R> Flowable<Settled<T, R>> beforeDeadline(Flowable<T> items, Duration ttl, Function<T, Single<M>> first, Function<M, Single<R>> second) {
        long ttlNanos = TimeoutQueue.nanos(ReactorDeadlines.checkBudget(ttl));
        Objects.requireNonNull(first, "first stage must not be null");
        Objects.requireNonNull(second, "second stage must not be null");
        return items
                .map(item -> new Arrival<>(item, Clocks.plus(scheduler.now(TimeUnit.NANOSECONDS), ttlNanos)))
                .concatMapSingle(arrival -> within(arrival, () -> first.apply(arrival.item()))
                        .flatMap(middle -> within(arrival, () -> second.apply(middle)))
                        .map(answer -> Settled.<T, R>delivered(arrival.item(), answer))
                        .onErrorResumeNext(e -> e instanceof ReactorDeadlines.DeadlinePassed
                                ? Single.just(Settled.expired(arrival.item()))
                                : Single.error(e)), ReactorDeadlines.AHEAD);
    }

    private record Arrival<T>(T item, long deadline) {
    }

    private <V> Single<V> within(Arrival<?> arrival, io.reactivex.rxjava3.functions.Supplier<Single<V>> stage) {
        return Single.defer(() -> {
            long left = arrival.deadline() - scheduler.now(TimeUnit.NANOSECONDS);
            return left <= 0
                    ? Single.error(ReactorDeadlines.DeadlinePassed.INSTANCE)
                    : stage.get().timeout(left, TimeUnit.NANOSECONDS, scheduler, Single.error(ReactorDeadlines.DeadlinePassed.INSTANCE));
        });
    }
}
