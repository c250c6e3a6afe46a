package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor, the consumer's side of a timeout-aware queue: items taken off it are handed to a service
 * one at a time, and each must be done within a time. Four ways to say it, each an operator:
 * <ul>
 *   <li>{@link #eachWithin}: a per-item {@code timeout(budget, fallback)} — a late item is settled
 *       {@linkplain Settled#expired expired} and the stream goes on;</li>
 *   <li>{@link #eachOrFail}: the same {@code timeout(budget)} without a fallback — the first late item
 *       fails the stream with a {@code TimeoutException}, and every item after it is never settled;</li>
 *   <li>{@link #batches}: {@code bufferTimeout(maxSize, maxWait)} — batches of at most
 *       {@code maxSize}, none of whose items waits longer than {@code maxWait} for its batch;</li>
 *   <li>{@link #beforeDeadline}: a deadline fixed when the item arrives, shared by everything after:
 *       waiting in line spends from it, and each stage is timed with what is left.</li>
 * </ul>
 * The service's late answer is never reported: {@code timeout} cancels it, and if it arrives in the
 * same instant the operator lets one signal through — the answer or the fallback, never both.
 *
 * <p><b>Scheduler:</b> the one given to the constructor ({@link Schedulers#parallel()} by default)
 * runs every timer and reads the clock for deadlines; the tests and diagrams give a virtual-time one.
 * A service's work runs wherever the service puts it; its answer and the timeouts are emitted on
 * the thread that signals them.
 *
 * <p><b>Backpressure:</b> {@code concatMap} handles one item at a time. In {@link #eachWithin} and
 * {@link #eachOrFail} it asks upstream for the next item only when the current one is settled, so an
 * item waits in the queue (where its time-to-live applies), not in the operator; {@link #beforeDeadline}
 * takes {@link #AHEAD} items ahead, whose deadlines run while they wait. Results follow downstream
 * demand. {@code bufferTimeout} is used with
 * fair backpressure: it prefetches a few batches' worth from upstream and emits a batch only when
 * one is requested, so a slow subscriber is never sent a batch it did not ask for.
 */
public final class ReactorDeadlines {

    /**
     * How many items {@link #beforeDeadline} takes ahead of the one it works on. Their deadlines run
     * while they wait in its queue: that wait is the first thing a deadline fixed on arrival pays for.
     * ({@code concatMap(mapper)} alone asks for one item at a time in Reactor 3.8, so an item would
     * "arrive" only when the previous one is done.)
     */
    static final int AHEAD = 32;

    private final Scheduler scheduler;

    public ReactorDeadlines() {
        this(Schedulers.parallel());
    }

    public ReactorDeadlines(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    }

    /** Each item gets {@code budget} for the service; late, it is settled expired and the next item goes on. */
    public <T, R> Flux<Settled<T, R>> eachWithin(Flux<T> items, Duration budget, Function<T, Mono<R>> service) {
        checkBudget(budget);
        Objects.requireNonNull(service, "service must not be null");
        return items.concatMap(item -> service.apply(item)
                .map(answer -> Settled.<T, R>delivered(item, answer))
                .timeout(budget, Mono.fromSupplier(() -> Settled.expired(item)), scheduler));
    }

    /** Each item gets {@code budget}; the first late one fails the stream ({@code TimeoutException}): the wrong default. */
    public <T, R> Flux<Settled<T, R>> eachOrFail(Flux<T> items, Duration budget, Function<T, Mono<R>> service) {
        checkBudget(budget);
        Objects.requireNonNull(service, "service must not be null");
        return items.concatMap(item -> service.apply(item)
                .map(answer -> Settled.<T, R>delivered(item, answer))
                .timeout(budget, scheduler));
    }

    /** Batches of at most {@code maxSize}; a batch is let go when full, or {@code maxWait} after its first item came. */
    public <T> Flux<List<T>> batches(Flux<T> items, int maxSize, Duration maxWait) {
        checkBatch(maxSize, maxWait);
        return items.bufferTimeout(maxSize, maxWait, scheduler, true);
    }

    /**
     * Each item's deadline is fixed as it arrives — {@code ttl} from then — and shared: the time it
     * waits behind other items is spent, then {@code first} is timed with what is left, then
     * {@code second} with what is left after {@code first}. An item whose deadline passes anywhere is
     * settled expired (without calling a stage it has no time for).
     */
    public <T, M, R> Flux<Settled<T, R>> beforeDeadline(Flux<T> items, Duration ttl, Function<T, Mono<M>> first, Function<M, Mono<R>> second) {
        checkBudget(ttl);
        Objects.requireNonNull(first, "first stage must not be null");
        Objects.requireNonNull(second, "second stage must not be null");
        long ttlNanos = TimeoutQueue.nanos(ttl);
        return items
                .map(item -> new Arrival<>(item, Clocks.plus(scheduler.now(TimeUnit.NANOSECONDS), ttlNanos)))
                .concatMap(arrival -> within(arrival, () -> first.apply(arrival.item()))
                        .flatMap(middle -> within(arrival, () -> second.apply(middle)))
                        .map(answer -> Settled.<T, R>delivered(arrival.item(), answer))
                        .onErrorResume(DeadlinePassed.class::isInstance, passed -> Mono.just(Settled.expired(arrival.item()))), AHEAD);
    }

    /** An item and the instant (nanoseconds on the scheduler's clock) its deadline falls at. */
    private record Arrival<T>(T item, long deadline) {
    }

    /** {@code stage}, timed with what is left of the deadline when it starts; none left, it does not start. */
    private <V> Mono<V> within(Arrival<?> arrival, java.util.function.Supplier<Mono<V>> stage) {
        return Mono.defer(() -> {
            long left = arrival.deadline() - scheduler.now(TimeUnit.NANOSECONDS);
            return left <= 0
                    ? Mono.error(DeadlinePassed.INSTANCE)
                    : stage.get().timeout(Duration.ofNanos(left), Mono.error(DeadlinePassed.INSTANCE), scheduler);
        });
    }

    /** The item's deadline passed: a value, not a failure (it becomes {@link Settled#expired}). */
    static final class DeadlinePassed extends RuntimeException {
        static final DeadlinePassed INSTANCE = new DeadlinePassed();

        private DeadlinePassed() {
            super("the item's deadline passed", null, false, false);
        }
    }

    static Duration checkBudget(Duration budget) {
        Objects.requireNonNull(budget, "budget must not be null");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive (got " + TimeoutQueue.describe(budget) + ")");
        }
        return budget;
    }

    static void checkBatch(int maxSize, Duration maxWait) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be >= 1 (got " + maxSize + ")");
        }
        Objects.requireNonNull(maxWait, "maxWait must not be null");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive (got " + TimeoutQueue.describe(maxWait) + ")");
        }
    }
}
