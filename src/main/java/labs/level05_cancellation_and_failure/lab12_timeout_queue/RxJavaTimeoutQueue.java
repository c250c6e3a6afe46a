package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * RxJava 3: the same {@link Lane} as {@link ReactorTimeoutQueue}, its timers on an RxJava
 * {@link Scheduler}, its waiters {@code Single.create} / {@code Maybe.create} emitters.
 *
 * <p>The reactive core is {@link #offering}, {@link #polling}, {@link #ledgerNow()},
 * {@link #expiredNow()} and {@link #closing()}; the blocking {@link TimeoutQueue} methods are the
 * lane's edge. The virtual-time tests drive the core on a {@code TestScheduler}.
 *
 * <p><b>Scheduler:</b> the one given to {@link #create(int, Duration, Scheduler)};
 * {@link Schedulers#computation()} in {@link Timing#real()}: timers only, lane commands never block
 * (our BlockHound integration watches computation threads).
 *
 * <p><b>Backpressure:</b> {@code Single} and {@code Maybe} carry one value and have none to apply;
 * the bound is the queue's capacity, and producers beyond it wait as pending {@code Single}s.
 *
 * <p>RxJava has no discard hook: a poll disposed at the instant the lane hands it an item loses the
 * item if the dispose lands between the emitter's check and its {@code onSuccess}. The lane asks the
 * emitter first ({@code isDisposed}) and keeps the item when it is gone, which closes all but that
 * instant; the blocking edge never disposes.
 */
public final class RxJavaTimeoutQueue<T> implements TimeoutQueue<T> {

    private final int capacity;
    private final Duration ttl;
    private final Lane<T> lane;

    private RxJavaTimeoutQueue(int capacity, Duration ttl, Scheduler scheduler) {
        this.capacity = TimeoutQueue.checkCapacity(capacity);
        this.ttl = TimeoutQueue.checkTtl(ttl);
        this.lane = new Lane<>(name(), capacity, ttl, timersOn(scheduler));
    }

    public static <T> RxJavaTimeoutQueue<T> create(int capacity, Duration ttl, Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler must not be null");
        return new RxJavaTimeoutQueue<>(capacity, ttl, scheduler);
    }

    /** The registry's factory: the RxJava scheduler of {@code timing}. */
    public static <T> RxJavaTimeoutQueue<T> create(int capacity, Duration ttl, Timing timing) {
        return create(capacity, ttl, TimeoutQueue.checkTiming(timing).rxjava());
    }

    private static Lane.Timers timersOn(Scheduler scheduler) {
        return new Lane.Timers() {
            @Override
            public long nowNanos() {
                return scheduler.now(TimeUnit.NANOSECONDS);
            }

            @Override
            public Runnable schedule(Runnable task, long delayNanos) {
                return scheduler.scheduleDirect(task, delayNanos, TimeUnit.NANOSECONDS)::dispose;
            }
        };
    }

    @Override
    public String name() {
        return "rxjava";
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    /** {@code true} once accepted, {@code false} if refused at {@code timeout}; an error if closed. Disposing withdraws it. */
    public Single<Boolean> offering(T item, Duration timeout) {
        TimeoutQueue.checkItem(item);
        long nanos = TimeoutQueue.nanos(TimeoutQueue.checkTimeout(timeout));
        return Single.create(emitter -> {
            Lane.Offer<T> offer = lane.newOffer(item, verdict -> {
                switch (verdict) {
                    case ACCEPTED -> emitter.onSuccess(true);
                    case REFUSED -> emitter.onSuccess(false);
                    case CLOSED -> emitter.tryOnError(TimeoutQueue.closed(name()));
                    case WITHDRAWN -> { } // only after a dispose: nobody listens
                }
            });
            emitter.setCancellable(() -> lane.withdraw(offer));
            lane.start(offer, nanos);
        });
    }

    /** The oldest unexpired item, or empty when none came within {@code timeout}. Disposing withdraws the poll. */
    public Maybe<T> polling(Duration timeout) {
        long nanos = TimeoutQueue.nanos(TimeoutQueue.checkTimeout(timeout));
        return Maybe.create(emitter -> {
            Lane.Poll<T> poll = lane.newPoll(item -> {
                if (emitter.isDisposed()) {
                    return false; // gone: the lane keeps the item for the next poll
                }
                emitter.onSuccess(item.item());
                return true;
            }, emitter::onComplete);
            emitter.setCancellable(() -> lane.withdraw(poll));
            lane.start(poll, nanos);
        });
    }

    public Single<Ledger> ledgerNow() {
        return Single.create(emitter -> lane.ledger(emitter::onSuccess));
    }

    public Single<List<T>> expiredNow() {
        return Single.create(emitter -> lane.expired(emitter::onSuccess));
    }

    public Completable closing() {
        return Completable.create(emitter -> lane.close(emitter::onComplete));
    }

    @Override
    public boolean offer(T item, Duration timeout) throws InterruptedException {
        return lane.awaitOffer(item, timeout);
    }

    @Override
    public T poll(Duration timeout) throws InterruptedException {
        return lane.awaitPoll(timeout);
    }

    @Override
    public Ledger ledger() {
        return lane.awaitLedger();
    }

    @Override
    public List<T> expired() {
        return lane.awaitExpired();
    }

    @Override
    public void close() {
        lane.awaitClose();
    }
}
