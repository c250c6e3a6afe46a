package labs.level04_coordination.lab09_run_once;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * YOUR lab09 Reactor implementation, second part: a run-once value whose failure is not kept. The
 * spec: docs/labs/level04_coordination/lab09_run_once/README.md; the diagram:
 * "a failed run is retried by the next caller" in marbles/lab09_run_once.md.
 *
 * <p>Write the reactive core in the last constructor (the field {@code value}). The other
 * constructors and the blocking edge are given. What {@link #value()} must do:
 * <ol>
 *   <li>as {@link ReactorCachedLazy}: one run for the subscribers that arrive before it ends, its
 *       value kept for {@code valueTtl} (for ever with {@link #FOREVER}), measured on {@code timer};</li>
 *   <li>a failed run reaches the subscribers waiting on it, and is kept for no time at all: the next
 *       subscriber starts a new run (this variant's policy is {@code RETRIED}).</li>
 * </ol>
 * Which overload of {@code Mono.cache} takes a time to live per kind of signal?
 *
 * <p><b>Scheduler:</b> the initializer runs on the constructor's scheduler; expiries on
 * {@code timer}. <b>Backpressure:</b> a {@code Mono}: one value.
 *
 * <p>Check it: {@code target/labs check lab09}
 */
public final class ReactorRetryingLazy<T> implements RunOnce<T> {

    /** {@code Long.MAX_VALUE} ms: {@code Mono.cache} takes it as "keep for ever" and schedules no expiry. */
    public static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final Mono<T> value;

    /** (Given.) */
    public ReactorRetryingLazy(Callable<T> initializer) {
        this(initializer, Schedulers.boundedElastic());
    }

    /** (Given.) */
    public ReactorRetryingLazy(Callable<T> initializer, Scheduler scheduler) {
        this(Mono.fromCallable(RunOnce.nonNull(initializer)).subscribeOn(Objects.requireNonNull(scheduler, "scheduler")), FOREVER, scheduler);
    }

    /** (Given.) */
    public ReactorRetryingLazy(Mono<T> initialization) {
        this(initialization, FOREVER, Schedulers.parallel());
    }

    /** The core: see the class comment. */
    public ReactorRetryingLazy(Mono<T> initialization, Duration valueTtl, Scheduler timer) {
        Objects.requireNonNull(initialization, "initialization");
        Objects.requireNonNull(valueTtl, "valueTtl");
        Objects.requireNonNull(timer, "timer");
        throw new UnsupportedOperationException(
                "TODO(lab09): this.value = the initialization, its value cached for valueTtl on timer, its error or emptiness for no time at all");
    }

    /** The reactive core. (Given.) */
    public Mono<T> value() {
        return value;
    }

    /** The blocking edge. (Given.) */
    @Override
    public T get() {
        return ReactorEdge.await(value);
    }
}
