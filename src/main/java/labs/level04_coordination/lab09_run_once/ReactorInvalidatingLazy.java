package labs.level04_coordination.lab09_run_once;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: {@code cacheInvalidateIf(invalid)}. Value-oriented caching: a value is kept until a later
 * subscriber finds it {@code invalid} (then that subscriber starts a new run); an error is never
 * cached — the subscribers waiting on the failed run get it, the next one runs again
 * ({@link RunOnce.AfterFailure#RETRIED}). The registry's predicate is {@code value -> false}: keep
 * the value for ever, which makes it run-once.
 *
 * <p><b>Cancellation, where it differs from {@code cache()}:</b> when every subscriber waiting on a
 * run has cancelled, the run itself is cancelled (its {@code subscribeOn} task disposed, which
 * interrupts a running initializer) and the next subscriber starts over. A caller interrupted in
 * {@code get()} while it is the only one waiting thus throws away the work done so far
 * (FAILURE.md §3). Reactor does it on purpose: it keeps a source that never answers from holding the
 * cache for ever.
 *
 * <p><b>Scheduler:</b> the initializer runs on the one given ({@link Schedulers#boundedElastic()} by
 * default). <b>Backpressure:</b> a {@code Mono}: one value, requested unbounded from the source once.
 */
public final class ReactorInvalidatingLazy<T> implements RunOnce<T> {

    private final Mono<T> value;

    /** The initializer on {@link Schedulers#boundedElastic()}, its value valid for ever. */
    public ReactorInvalidatingLazy(Callable<T> initializer) {
        this(initializer, Schedulers.boundedElastic());
    }

    public ReactorInvalidatingLazy(Callable<T> initializer, Scheduler scheduler) {
        this(Mono.fromCallable(RunOnce.nonNull(initializer)).subscribeOn(Objects.requireNonNull(scheduler, "scheduler")), value -> false);
    }

    /** The core over any initialization, its value valid for ever. */
    public ReactorInvalidatingLazy(Mono<T> initialization) {
        this(initialization, value -> false);
    }

    /** The core: a later subscriber that finds the cached value {@code invalid} starts a new run. */
    public ReactorInvalidatingLazy(Mono<T> initialization, Predicate<? super T> invalid) {
        this.value = Objects.requireNonNull(initialization, "initialization").cacheInvalidateIf(Objects.requireNonNull(invalid, "invalid"));
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
