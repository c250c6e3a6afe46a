package labs.level04_coordination.lab09_run_once;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Objects;
import java.util.concurrent.Callable;
import labs.support.Result;

/**
 * YOUR lab09 RxJava implementation: a run-once value as a {@code Single}. The spec:
 * docs/labs/level04_coordination/lab09_run_once/README.md; the diagrams: marbles/lab09_run_once.md.
 *
 * <p>Write the reactive core, {@link #value()}; the constructors and the blocking edge are given.
 * What it must do: as {@link ReactorCachedLazy#value()} — one run shared by every observer, its
 * outcome (value or error) kept for ever, an observer that disposes only leaving — and return the
 * same {@code Single} every time.
 *
 * <p><b>Scheduler:</b> the initializer runs on the constructor's ({@code io()} by default).
 * <b>Backpressure:</b> a {@code Single}: one value.
 *
 * <p>Check it: {@code target/labs check lab09}
 */
public final class RxJavaCachedLazy<T> implements RunOnce<T> {

    private final Single<T> initialization;

    /** (Given.) */
    public RxJavaCachedLazy(Callable<T> initializer) {
        this(initializer, Schedulers.io());
    }

    /** (Given.) */
    public RxJavaCachedLazy(Callable<T> initializer, Scheduler scheduler) {
        this(Single.fromCallable(RunOnce.nonNull(initializer)).subscribeOn(Objects.requireNonNull(scheduler, "scheduler")));
    }

    /** The core over any initialization. */
    public RxJavaCachedLazy(Single<T> initialization) {
        this.initialization = Objects.requireNonNull(initialization, "initialization");
    }

    /** The reactive core: see the class comment. */
    public Single<T> value() {
        throw new UnsupportedOperationException("TODO(lab09): the initialization, subscribed at most once and its outcome kept for every observer");
    }

    /** The blocking edge. (Given: the outcome travels as a value, so blockingGet() throws only on an interrupt.) */
    @Override
    public T get() {
        Result<T> outcome;
        try {
            outcome = value().map(Result::<T>success).onErrorReturn(Result::failure).blockingGet();
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
