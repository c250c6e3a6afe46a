package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.functions.BiFunction;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.reactivestreams.Publisher;

/**
 * YOUR RxJava job runner — lab11's starting point, the twin of {@link ReactorJobRunner}: the same
 * contract ({@link JobRunner}), the same tests.
 *
 * <p><b>Scheduler:</b> every step's work runs on the scheduler given to the constructor
 * ({@link Schedulers#io()} by default); a test gives a {@code TestScheduler}, another
 * {@code computation()}, where BlockHound must catch a blocking step.
 *
 * <p><b>Backpressure:</b> one step at a time, the next only when the previous has completed; items
 * go downstream as it asks for them.
 */
public final class RxJavaJobRunner implements JobRunner {

    private final Scheduler scheduler;

    public RxJavaJobRunner() {
        this(Schedulers.io());
    }

    public RxJavaJobRunner(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public String name() {
        return "rxjava";
    }

    /**
     * The core, RxJava's twin of {@link ReactorJobRunner#items}: a step's work is a {@code Maybe}
     * (empty: nothing to emit). The resource is released exactly once, before a completion or an
     * error goes downstream, and at once on a cancel.
     */
    public <S, T> Flowable<T> items(Callable<? extends Resource> acquire, Flowable<S> steps, BiFunction<Resource, S, Maybe<T>> work) {
        throw new UnsupportedOperationException("TODO(lab11): acquire at subscription, run the steps' work one at a time on the scheduler, "
                + "and release exactly once however the flowable ends");
    }

    /** The core stopped by {@code stop}'s first signal. */
    public <S, T> Flowable<T> itemsUntil(Callable<? extends Resource> acquire, Flowable<S> steps, BiFunction<Resource, S, Maybe<T>> work,
                                         Publisher<?> stop) {
        throw new UnsupportedOperationException("TODO(lab11): the core, completed (and everything upstream cancelled) when stop signals");
    }

    /**
     * The blocking edge, as {@link ReactorJobRunner#start}: a cancelled step's or acquire's late
     * failure must not become an {@code UndeliverableException} on {@code RxJavaPlugins.onError}.
     */
    @Override
    public RunningJob start(Job job) {
        JobRunner.checkJob(job);
        throw new UnsupportedOperationException("TODO(lab11): subscribe to the core on the scheduler with each step's callable as its work, "
                + "decide the ending with a JobEnding, and return a handle whose cancel() disposes and waits for the release");
    }
}
