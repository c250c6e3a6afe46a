package labs.level04_coordination.lab09_run_once;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Objects;
import java.util.concurrent.Callable;
import labs.support.Result;

/**
 * RxJava 3: {@code Single.fromCallable(init).subscribeOn(scheduler).cache()}. Like Reactor's
 * {@code cache()}: one run for every subscriber, and its outcome — value <b>or error</b> — kept for
 * ever ({@link RunOnce.AfterFailure#CACHED}). RxJava has no {@code Single} operator that caches a
 * value but not an error (DESIGN.md says what one would write instead).
 *
 * <p>The reactive core is {@link #value()}, built from any initialization ({@link #RxJavaCachedLazy(Single)}:
 * the tests give it a {@code Single.timer} on a {@code TestScheduler}); {@link #get()} is the thin
 * blocking edge.
 *
 * <p><b>Scheduler:</b> the initializer runs on the one given ({@link Schedulers#io()} by default,
 * for an initializer that blocks). Given {@code computation()}, a blocking initializer is rejected by
 * BlockHound (our integration), and the error is cached for ever.
 *
 * <p><b>Backpressure:</b> a {@code Single} has none to give: one value, delivered to each observer
 * when it arrives.
 *
 * <p><b>Cancellation:</b> {@code cache()} never disposes its source: an observer that disposes only
 * leaves, the run goes on and its value is kept for the next caller.
 */
public final class RxJavaCachedLazy<T> implements RunOnce<T> {

    private final Single<T> value;

    /** The initializer on {@link Schedulers#io()}. */
    public RxJavaCachedLazy(Callable<T> initializer) {
        this(initializer, Schedulers.io());
    }

    public RxJavaCachedLazy(Callable<T> initializer, Scheduler scheduler) {
        this(Single.fromCallable(RunOnce.nonNull(initializer)).subscribeOn(Objects.requireNonNull(scheduler, "scheduler")));
    }

    /** The core over any initialization: subscribed at most once, by the first caller. */
    public RxJavaCachedLazy(Single<T> initialization) {
        this.value = Objects.requireNonNull(initialization, "initialization").cache();
    }

    /** The reactive core: the cached initialization. */
    public Single<T> value() {
        return value;
    }

    /**
     * The blocking edge. The outcome travels as a value ({@link Result}), so {@code blockingGet()}
     * throws only when this caller is interrupted: it disposes its observer and wraps the
     * {@code InterruptedException}, without setting the flag again — done here.
     */
    @Override
    public T get() {
        Result<T> outcome;
        try {
            outcome = value.map(Result::<T>success).onErrorReturn(Result::failure).blockingGet();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new WaitInterruptedException(interrupted);
            }
            throw e;
        }
        return RunOnce.valueOf(outcome);
    }
}
