package labs.level04_coordination.lab09_run_once;

import java.util.Objects;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: {@code Mono.fromCallable(init).subscribeOn(scheduler).cache()}. The first subscriber
 * starts the one run; subscribers that arrive during it join it; every later one gets the cached
 * signal at once — the value, <b>or the error, for ever</b> ({@link RunOnce.AfterFailure#CACHED}):
 * {@code cache()} caches whatever the source ended with.
 *
 * <p>The reactive core is {@link #value()}, built from any initialization publisher (the
 * {@link #ReactorCachedLazy(Mono)} constructor: the virtual-time tests and the marbles give it a
 * {@code Mono.delay} on a virtual clock). {@link #get()} is the thin blocking edge
 * ({@link ReactorEdge}).
 *
 * <p><b>Scheduler:</b> the initializer runs on the one given ({@link Schedulers#boundedElastic()} by
 * default, because an expensive initializer usually blocks: I/O, a pool, a file). Given
 * {@code parallel()}, a blocking initializer is rejected by BlockHound — and that
 * {@code BlockingOperationError} is then cached for ever (FAILURE.md §4). Subscribers receive the
 * value on the thread that ran the initializer, or on their own when it is already cached.
 *
 * <p><b>Backpressure:</b> a {@code Mono}: one value. The cache requests it unbounded from the source
 * once; each subscriber gets it when it requests.
 *
 * <p><b>Cancellation:</b> a subscriber that cancels (a caller interrupted in {@code get()}) only
 * leaves; the run goes on even when nobody is left waiting, and its value is cached for the next
 * caller. The initializer runs once.
 */
public final class ReactorCachedLazy<T> implements RunOnce<T> {

    private final Mono<T> value;

    /** The initializer on {@link Schedulers#boundedElastic()}. */
    public ReactorCachedLazy(Callable<T> initializer) {
        this(initializer, Schedulers.boundedElastic());
    }

    public ReactorCachedLazy(Callable<T> initializer, Scheduler scheduler) {
        this(Mono.fromCallable(RunOnce.nonNull(initializer)).subscribeOn(Objects.requireNonNull(scheduler, "scheduler")));
    }

    /** The core over any initialization: subscribed at most once, by the first caller. */
    public ReactorCachedLazy(Mono<T> initialization) {
        this.value = Objects.requireNonNull(initialization, "initialization").cache();
    }

    /** The reactive core: the cached initialization. Subscribing is asking for the value. */
    public Mono<T> value() {
        return value;
    }

    @Override
    public T get() {
        return ReactorEdge.await(value);
    }
}
