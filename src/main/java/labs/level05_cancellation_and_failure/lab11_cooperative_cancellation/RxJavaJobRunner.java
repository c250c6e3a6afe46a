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
 * RxJava 3: {@code Flowable.using(acquire, resource -> steps.concatMapMaybe(step -> work(step).subscribeOn(scheduler)), release, true)}.
 *
 * <p>The reactive core is {@link #items}, RxJava's twin of {@link ReactorJobRunner#items}: a step's
 * work is a {@code Maybe} (empty: nothing to emit, as for a step cancelled on its way out).
 * {@code Flowable.using} calls its cleanup exactly once; {@code eager = true} releases before the
 * completion or the error goes downstream, and on cancel at once. {@link #itemsUntil} stops it
 * with {@code takeUntil(stop)}. The virtual-time tests and the diagrams drive the core with
 * {@code Maybe.timer} on a {@code TestScheduler}.
 *
 * <p>The blocking edge, {@link #start}, makes each step a {@code Maybe.create} that reports a
 * failure with {@code tryOnError}: a step cancelled mid-call fails with the interrupt, and
 * {@code Maybe.fromCallable} would hand that error to {@code RxJavaPlugins.onError} (an
 * {@code UndeliverableException} printed from the scheduler's thread: lab06's finding). It cancels
 * with {@code Disposable.dispose()}, which interrupts the running step on {@code io()}, but not on
 * {@code Schedulers.from(executor)} unless it was made with {@code interruptibleWorker = true}; the
 * {@link HeldResource} keeps the release behind that step, as in Reactor.
 *
 * <p><b>Scheduler:</b> the one given to the constructor; {@link Schedulers#io()} by default, because
 * steps may block. Each step and the edge's subscription (the acquire) run on it. On
 * {@code computation()} a blocking step fails the job with BlockHound's {@code BlockingOperationError}.
 *
 * <p><b>Backpressure:</b> {@code concatMapMaybe} with prefetch 1: one step at a time, the next one
 * asked of {@code steps} as the current one starts; items go downstream as it asks for them.
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

    /** The core, RxJava's twin of {@link ReactorJobRunner#items}. */
    public <S, T> Flowable<T> items(Callable<? extends Resource> acquire, Flowable<S> steps, BiFunction<Resource, S, Maybe<T>> work) {
        Objects.requireNonNull(acquire, "acquire");
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(work, "work");
        return Flowable.<T, Resource>using(acquire::call,
                resource -> steps.concatMapMaybe(step -> work.apply(resource, step).subscribeOn(scheduler), 1),
                Resource::release,
                true);
    }

    /** The core, stopped by {@code stop}'s first signal: RxJava's name for {@code takeUntilOther} is {@code takeUntil(Publisher)}. */
    public <S, T> Flowable<T> itemsUntil(Callable<? extends Resource> acquire, Flowable<S> steps, BiFunction<Resource, S, Maybe<T>> work,
                                         Publisher<?> stop) {
        Objects.requireNonNull(stop, "stop");
        return items(acquire, steps, work).takeUntil(stop);
    }

    /** The blocking edge: subscribes on the scheduler and returns the handle; nothing blocks here. */
    @Override
    public RunningJob start(Job job) {
        JobRunner.checkJob(job);
        SubscribedJob handle = new SubscribedJob("lab11 rxjava job", job.steps());
        var subscription = items(() -> handle.acquire(job), Flowable.range(0, job.steps()), (resource, index) -> step(handle, job, index))
                .subscribeOn(scheduler)
                // After subscribeOn, so it sees a cancel that comes before the subscription has reached the scheduler.
                .doFinally(handle::onFinally)
                .subscribe(handle::onItem, handle::onError, handle::onComplete);
        return handle.subscribed(subscription::dispose);
    }

    /** A step as a {@code Maybe}: its item, nothing once cancelled, or its failure — dropped quietly if nobody listens any more. */
    private static Maybe<Long> step(SubscribedJob handle, Job job, int index) {
        return Maybe.create(emitter -> {
            Long item;
            try {
                item = handle.step(job, index);
            } catch (Exception e) {
                emitter.tryOnError(e);
                return;
            }
            if (item == null) {
                emitter.onComplete();
            } else {
                emitter.onSuccess(item);
            }
        });
    }
}
