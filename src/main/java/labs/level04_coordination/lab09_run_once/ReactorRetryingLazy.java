package labs.level04_coordination.lab09_run_once;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: {@code cache(value -> ttl, error -> Duration.ZERO, empty -> Duration.ZERO, timer)}. A value
 * is kept for {@code ttl} (for ever by default: {@link #FOREVER}, which schedules nothing); an error
 * is kept for no time at all. The subscribers waiting on a failed run all get its error, and the next
 * subscriber starts a new run: {@link RunOnce.AfterFailure#RETRIED}. The documented way to say
 * "cache the value, retry the error" (reactor-core issue 1783).
 *
 * <p>A finite value TTL ({@link #ReactorRetryingLazy(Mono, Duration, Scheduler)}) is not run-once
 * any more: the value expires on {@code timer} and the next subscriber runs the initializer again — a
 * refresh, shown in virtual time ({@code ReactiveRunOnceInVirtualTimeTest}); the registry uses
 * {@link #FOREVER}.
 *
 * <p><b>Scheduler:</b> the initializer runs on the one given ({@link Schedulers#boundedElastic()} by
 * default); the TTL's expiry is scheduled on {@code timer} (nothing is, for {@link #FOREVER}).
 *
 * <p><b>Backpressure:</b> a {@code Mono}: one value, requested unbounded from the source once.
 *
 * <p><b>Cancellation:</b> as {@code cache()}: a subscriber that cancels leaves, the run goes on.
 */
public final class ReactorRetryingLazy<T> implements RunOnce<T> {

    /** {@code Long.MAX_VALUE} ms: {@code MonoCacheTime} takes it as "keep for ever" and schedules no expiry. */
    public static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final Mono<T> value;

    /** The initializer on {@link Schedulers#boundedElastic()}. */
    public ReactorRetryingLazy(Callable<T> initializer) {
        this(initializer, Schedulers.boundedElastic());
    }

    public ReactorRetryingLazy(Callable<T> initializer, Scheduler scheduler) {
        this(Mono.fromCallable(RunOnce.nonNull(initializer)).subscribeOn(Objects.requireNonNull(scheduler, "scheduler")), FOREVER, scheduler);
    }

    /** The core over any initialization, its value kept for ever. */
    public ReactorRetryingLazy(Mono<T> initialization) {
        this(initialization, FOREVER, Schedulers.parallel());
    }

    /** The core with a value TTL: after {@code valueTtl} on {@code timer}, the next subscriber runs again. */
    public ReactorRetryingLazy(Mono<T> initialization, Duration valueTtl, Scheduler timer) {
        Objects.requireNonNull(valueTtl, "valueTtl");
        if (valueTtl.isNegative() || valueTtl.isZero()) {
            throw new IllegalArgumentException("valueTtl must be positive (got " + valueTtl + "): a value kept for no time is never shared");
        }
        this.value = Objects.requireNonNull(initialization, "initialization")
                .cache(v -> valueTtl, error -> Duration.ZERO, () -> Duration.ZERO, Objects.requireNonNull(timer, "timer"));
    }

    /** The reactive core: the cached initialization. */
    public Mono<T> value() {
        return value;
    }

    @Override
    public T get() {
        return ReactorEdge.await(value);
    }
}
