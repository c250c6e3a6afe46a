package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: {@code usingWhen(acquire, resource -> steps.concatMap(step -> work(step).subscribeOn(scheduler)), release)}.
 *
 * <p>The reactive core is {@link #items}: the job's items as a cold {@code Flux} — subscribe to
 * start, cancel to stop — whose resource is acquired at subscription and released exactly once,
 * whichever way the flux ends; {@code usingWhen} picks the one cleanup (complete, error or cancel)
 * with one compare-and-set. {@link #itemsUntil} is the same core stopped by a signal:
 * {@code takeUntilOther(stop)} completes the flux and cancels the step in progress. The virtual-time
 * tests and the marble diagrams drive this core with timed steps ({@code Mono.delay}).
 *
 * <p>The blocking edge, {@link #start}, makes each step {@code Mono.fromCallable(step)} — with
 * {@code subscribeOn} straight on it, so a cancelled step's late failure goes nowhere instead of to
 * {@code Hooks.onErrorDropped} (lab06's finding) — and cancels with {@code Disposable.dispose()}.
 * Disposing does not wait for the step that is running: it interrupts it, if the scheduler
 * interrupts ({@code boundedElastic()} does; {@code Schedulers.fromExecutor(executor)} does not,
 * see {@code FromCallableCancellationTest}). So the edge holds the resource in a
 * {@link HeldResource}, which releases it only after that step has returned.
 *
 * <p><b>Scheduler:</b> the one given to the constructor; {@link Schedulers#boundedElastic()} by
 * default, because steps may block. Each step runs on it ({@code subscribeOn} on the step); the edge
 * also subscribes there, so the acquire does not block the caller. On {@code parallel()} a blocking
 * step fails the job with BlockHound's {@code BlockingOperationError}.
 *
 * <p><b>Backpressure:</b> one step at a time, and only on demand: {@code concatMap} subscribes to
 * the next step's work when the previous one has completed, and asks {@code steps} for one step
 * ahead (prefetch 1). A step's item is emitted when downstream asks for it.
 */
public final class ReactorJobRunner implements JobRunner {

    private final Scheduler scheduler;

    public ReactorJobRunner() {
        this(Schedulers.boundedElastic());
    }

    public ReactorJobRunner(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public String name() {
        return "reactor";
    }

    /**
     * The core: acquires with {@code acquire} when subscribed (on the subscribing thread), then
     * subscribes to {@code work.apply(resource, step)} on the scheduler for each step, one after
     * another, emitting each step's item; releases the resource once — after the last step, after
     * a failing one, or at once on cancel — and only then passes the completion or the error on.
     */
    public <S, T> Flux<T> items(Callable<? extends Resource> acquire, Flux<S> steps, BiFunction<Resource, S, Mono<T>> work) {
        Objects.requireNonNull(acquire, "acquire");
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(work, "work");
        return Flux.usingWhen(Mono.fromCallable(acquire),
                resource -> steps.concatMap(step -> work.apply(resource, step).subscribeOn(scheduler), 1),
                ReactorJobRunner::release,
                (resource, error) -> release(resource),
                ReactorJobRunner::release);
    }

    /** The core, stopped by {@code stop}'s first signal: the step in progress is cancelled, the resource released, the flux completed. */
    public <S, T> Flux<T> itemsUntil(Callable<? extends Resource> acquire, Flux<S> steps, BiFunction<Resource, S, Mono<T>> work,
                                     Publisher<?> stop) {
        Objects.requireNonNull(stop, "stop");
        return items(acquire, steps, work).takeUntilOther(stop);
    }

    private static Mono<Void> release(Resource resource) {
        return Mono.fromRunnable(resource::release);
    }

    /** The blocking edge: subscribes on the scheduler and returns the handle; nothing blocks here. */
    @Override
    public RunningJob start(Job job) {
        JobRunner.checkJob(job);
        SubscribedJob handle = new SubscribedJob("lab11 reactor job", job.steps());
        var subscription = items(() -> handle.acquire(job), Flux.range(0, job.steps()),
                (resource, index) -> Mono.fromCallable(() -> handle.step(job, index)))
                .subscribeOn(scheduler)
                // After subscribeOn, so it sees a cancel that comes before the subscription has reached the scheduler.
                .doFinally(signal -> handle.onFinally())
                .subscribe(handle::onItem, handle::onError, handle::onComplete);
        return handle.subscribed(subscription::dispose);
    }
}
