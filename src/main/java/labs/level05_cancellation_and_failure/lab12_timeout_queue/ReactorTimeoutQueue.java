package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: a timeout queue whose state lives in a lock-free {@link Lane} and whose timers — every
 * wait's deadline, every item's time-to-live — are tasks on the {@link Scheduler} it is given.
 *
 * <p>The reactive core is {@link #offering}, {@link #polling}, {@link #ledgerNow()},
 * {@link #expiredNow()} and {@link #closing()}: publishers that start their command when
 * subscribed. A waiter is a {@code Mono.create} sink the lane completes; cancelling one withdraws it
 * through the lane. The blocking {@link TimeoutQueue} methods are an edge over the same lane (see
 * {@link Lane}: on interrupt they withdraw rather than cancel). The virtual-time tests and the
 * diagrams drive the core on a {@code VirtualTimeScheduler}.
 *
 * <p><b>Scheduler:</b> the one given to {@link #create(int, Duration, Scheduler)};
 * {@link Schedulers#parallel()} in {@link Timing#real()}. It only runs timers, which run lane
 * commands, which never block (a lock-free queue, a counter, deques one thread touches at a time), so
 * a non-blocking scheduler is the right one; BlockHound checks it. A waiter is completed on whatever
 * thread runs the lane at that moment: the caller's, or a timer's.
 *
 * <p><b>Backpressure:</b> each publisher emits at most one value, and only when requested: an item
 * handed to a poll nobody has requested yet waits in the sink. The bound on items is the queue's
 * capacity; producers beyond it wait (up to their timeout) as pending {@code Mono}s, holding no thread.
 *
 * <p>Cancelling a poll at the very instant the lane hands it an item can drop the item: the sink
 * discards it (and {@code doOnDiscard} puts it back) when the cancel came first, but drops it
 * ({@code onNextDropped}) when the two interleave. A consumer that must see every item lets its poll
 * end by its own timeout; the blocking edge never cancels.
 */
public final class ReactorTimeoutQueue<T> implements TimeoutQueue<T> {

    private final int capacity;
    private final Duration ttl;
    private final Lane<T> lane;

    private ReactorTimeoutQueue(int capacity, Duration ttl, Scheduler scheduler) {
        this.capacity = TimeoutQueue.checkCapacity(capacity);
        this.ttl = TimeoutQueue.checkTtl(ttl);
        this.lane = new Lane<>(name(), capacity, ttl, timersOn(scheduler));
    }

    /** The core on {@code scheduler}: its clock is the queue's time, its tasks are the queue's timers. */
    public static <T> ReactorTimeoutQueue<T> create(int capacity, Duration ttl, Scheduler scheduler) {
        java.util.Objects.requireNonNull(scheduler, "scheduler must not be null");
        return new ReactorTimeoutQueue<>(capacity, ttl, scheduler);
    }

    /** The registry's factory: the Reactor scheduler of {@code timing}. */
    public static <T> ReactorTimeoutQueue<T> create(int capacity, Duration ttl, Timing timing) {
        return create(capacity, ttl, TimeoutQueue.checkTiming(timing).reactor());
    }

    private static Lane.Timers timersOn(Scheduler scheduler) {
        return new Lane.Timers() {
            @Override
            public long nowNanos() {
                return scheduler.now(TimeUnit.NANOSECONDS);
            }

            @Override
            public Runnable schedule(Runnable task, long delayNanos) {
                return scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS)::dispose;
            }
        };
    }

    @Override
    public String name() {
        return "reactor";
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    /**
     * {@code true} once {@code item} is accepted, {@code false} if it was refused at {@code timeout};
     * an error if the queue is closed. Cancelling withdraws a waiting offer (it was never offered).
     * Bad input throws here, before anything is subscribed.
     */
    public Mono<Boolean> offering(T item, Duration timeout) {
        TimeoutQueue.checkItem(item);
        long nanos = TimeoutQueue.nanos(TimeoutQueue.checkTimeout(timeout));
        return Mono.create(sink -> {
            Lane.Offer<T> offer = lane.newOffer(item, verdict -> {
                switch (verdict) {
                    case ACCEPTED -> sink.success(true);
                    case REFUSED -> sink.success(false);
                    case CLOSED -> sink.error(TimeoutQueue.closed(name()));
                    case WITHDRAWN -> sink.success(); // only after a cancel: nobody listens
                }
            });
            sink.onCancel(() -> lane.withdraw(offer)); // before start: a cancel in onSubscribe withdraws it first
            lane.start(offer, nanos);
        });
    }

    /**
     * The oldest unexpired item, or empty when none came within {@code timeout} (or the queue is
     * closed). Cancelling withdraws the poll; an item the sink discards after a cancel is put back.
     */
    @SuppressWarnings("unchecked")
    public Mono<T> polling(Duration timeout) {
        long nanos = TimeoutQueue.nanos(TimeoutQueue.checkTimeout(timeout));
        return Mono.<Lane.Held<T>>create(sink -> {
                    Lane.Poll<T> poll = lane.newPoll(item -> {
                        sink.success(item);
                        return true;
                    }, sink::success);
                    sink.onCancel(() -> lane.withdraw(poll));
                    lane.start(poll, nanos);
                })
                .doOnDiscard(Lane.Held.class, item -> lane.putBack((Lane.Held<T>) item))
                .map(Lane.Held::item);
    }

    /** How every item offered so far has ended, read in the lane (a consistent snapshot). */
    public Mono<Ledger> ledgerNow() {
        return Mono.create(sink -> lane.ledger(sink::success));
    }

    /** The items that expired so far, oldest first. */
    public Mono<List<T>> expiredNow() {
        return Mono.create(sink -> lane.expired(sink::success));
    }

    /** Closes the queue (see {@link TimeoutQueue#close}); completes once it is closed and no timer is pending. */
    public Mono<Void> closing() {
        return Mono.create(sink -> lane.close(sink::success));
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
