package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * EXERCISE (lab12): the consumer's side of a timeout-aware queue in Reactor, to write yourself.
 * {@code labs practice lab12} put this file in place of the reference; {@code labs check lab12} runs
 * the lab's virtual-time tests and diagrams against it. Each method is one operator or two.
 *
 * <ul>
 *   <li>{@link #eachWithin}: items are handed to {@code service} one at a time; each gets
 *       {@code budget} from the moment the service starts on it. Late, it is settled
 *       {@link Settled#expired} and the next item goes on; in time, {@link Settled#delivered} with
 *       the answer. A late answer is never reported, and never reported twice.</li>
 *   <li>{@link #eachOrFail}: the same without a fallback: the first late item fails the stream with
 *       a {@code TimeoutException}.</li>
 *   <li>{@link #batches}: lists of at most {@code maxSize} items; a full one goes at once, a partial
 *       one {@code maxWait} after its first item; no empty list. Emit a batch only when one is
 *       requested.</li>
 *   <li>{@link #beforeDeadline}: each item's deadline is fixed as it arrives ({@code ttl} from then);
 *       waiting behind other items spends from it, then {@code first} gets what is left, then
 *       {@code second} what is left after {@code first}. No time left anywhere: settled expired,
 *       without calling a stage it has no time for. Take {@link #AHEAD} items ahead of the one
 *       being worked on, so they "arrive" when the source emits them.</li>
 * </ul>
 *
 * <p><b>Scheduler:</b> {@code scheduler} runs every timer and tells the time (the tests give a
 * virtual-time one). <b>Backpressure:</b> one item at a time; results follow downstream demand.
 */
public final class ReactorDeadlines {

    /** How many items {@link #beforeDeadline} takes ahead of the one it works on. (Given.) */
    static final int AHEAD = 32;

    private final Scheduler scheduler;

    public ReactorDeadlines() {
        this(Schedulers.parallel());
    }

    public ReactorDeadlines(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    }

    public <T, R> Flux<Settled<T, R>> eachWithin(Flux<T> items, Duration budget, Function<T, Mono<R>> service) {
        throw new UnsupportedOperationException("TODO(lab12): one item at a time, each service call with its own timeout and a fallback that settles it expired");
    }

    public <T, R> Flux<Settled<T, R>> eachOrFail(Flux<T> items, Duration budget, Function<T, Mono<R>> service) {
        throw new UnsupportedOperationException("TODO(lab12): one item at a time, each service call with its own timeout and no fallback");
    }

    public <T> Flux<List<T>> batches(Flux<T> items, int maxSize, Duration maxWait) {
        throw new UnsupportedOperationException("TODO(lab12): batches that go when full or maxWait after their first item, on the scheduler");
    }

    public <T, M, R> Flux<Settled<T, R>> beforeDeadline(Flux<T> items, Duration ttl, Function<T, Mono<M>> first, Function<M, Mono<R>> second) {
        throw new UnsupportedOperationException("TODO(lab12): fix each item's deadline as it arrives; time each stage with what is left of it when the stage starts");
    }

    /** The item's deadline passed: a value, not a failure (it becomes {@link Settled#expired}). (Given.) */
    static final class DeadlinePassed extends RuntimeException {
        static final DeadlinePassed INSTANCE = new DeadlinePassed();

        private DeadlinePassed() {
            super("the item's deadline passed", null, false, false);
        }
    }

    /** (Given.) */
    static Duration checkBudget(Duration budget) {
        Objects.requireNonNull(budget, "budget must not be null");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive (got " + TimeoutQueue.describe(budget) + ")");
        }
        return budget;
    }

    /** (Given.) */
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
