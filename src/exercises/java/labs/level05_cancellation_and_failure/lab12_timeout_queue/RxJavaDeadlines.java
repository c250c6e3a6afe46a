package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * EXERCISE (lab12): {@link ReactorDeadlines}'s twin in RxJava 3, to write yourself — the same four
 * methods and the same rules (read that class's comment), with {@code Single}s for the service and
 * the stages. One difference, on purpose: {@link #batches} is RxJava's own timed buffer, whose
 * windows are cut on a clock of their own from the subscription on, sent when they close (empty ones
 * too), or early when {@code maxSize} items came. Use {@code ReactorDeadlines.checkBudget},
 * {@code checkBatch}, {@code DeadlinePassed} and {@code AHEAD}.
 *
 * <p><b>Scheduler:</b> {@code scheduler} runs every timer and tells the time (the tests give a
 * {@code TestScheduler}). <b>Backpressure:</b> one item at a time; results follow downstream demand.
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
        throw new UnsupportedOperationException("TODO(lab12): one item at a time, each service call with its own timeout and a fallback that settles it expired");
    }

    public <T, R> Flowable<Settled<T, R>> eachOrFail(Flowable<T> items, Duration budget, Function<T, Single<R>> service) {
        throw new UnsupportedOperationException("TODO(lab12): one item at a time, each service call with its own timeout and no fallback");
    }

    public <T> Flowable<List<T>> batches(Flowable<T> items, int maxSize, Duration maxWait) {
        throw new UnsupportedOperationException("TODO(lab12): RxJava's timed buffer of at most maxSize, windows of maxWait on the scheduler");
    }

    public <T, M, R> Flowable<Settled<T, R>> beforeDeadline(Flowable<T> items, Duration ttl, Function<T, Single<M>> first, Function<M, Single<R>> second) {
        throw new UnsupportedOperationException("TODO(lab12): fix each item's deadline as it arrives; time each stage with what is left of it when the stage starts");
    }
}
