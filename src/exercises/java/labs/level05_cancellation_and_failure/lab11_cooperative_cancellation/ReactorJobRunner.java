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
 * YOUR Reactor job runner — lab11's starting point. The contract is {@link JobRunner}'s, clause by
 * clause; the lab's README states it, and its tests, virtual-time scenarios, marble diagrams,
 * BlockHound and the leak check all run against this class. Write the reactive core first (the
 * virtual-time tests and the diagrams drive it), then the blocking edge over it.
 *
 * <p><b>Scheduler:</b> every step's work must run on the scheduler given to the constructor
 * ({@link Schedulers#boundedElastic()} by default: steps may block), never on one you pick yourself
 * — a test gives a virtual-time one, another gives {@code parallel()} and expects BlockHound to
 * catch a blocking step there.
 *
 * <p><b>Backpressure:</b> one step at a time, the next one only when the previous has completed;
 * items go downstream as it asks for them.
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
     * The core. Acquires with {@code acquire} when subscribed (on the subscribing thread), then runs
     * {@code work.apply(resource, step)} for each step of {@code steps}, one after another, each
     * subscribed on this class's scheduler, emitting each step's item. The resource is released
     * exactly once — after the last step, after a failing one, or at once when the flux is
     * cancelled — and a completion or an error goes downstream only after the release.
     */
    public <S, T> Flux<T> items(Callable<? extends Resource> acquire, Flux<S> steps, BiFunction<Resource, S, Mono<T>> work) {
        throw new UnsupportedOperationException("TODO(lab11): acquire at subscription, run the steps' work one at a time on the scheduler, "
                + "and release exactly once however the flux ends");
    }

    /** The core stopped by {@code stop}'s first signal: the step in progress is cancelled, the resource released, the flux completed. */
    public <S, T> Flux<T> itemsUntil(Callable<? extends Resource> acquire, Flux<S> steps, BiFunction<Resource, S, Mono<T>> work,
                                     Publisher<?> stop) {
        throw new UnsupportedOperationException("TODO(lab11): the core, completed (and everything upstream cancelled) when stop signals");
    }

    /**
     * The blocking edge: returns at once with the job's handle. Each step's work is its callable;
     * {@code cancel()} disposes the subscription — which does not wait for a callable that is
     * running, so the release must wait for that step to return ({@link HeldResource} does), and so
     * must {@code cancel()}. A cancelled step's or acquire's late failure must reach neither
     * {@code Hooks.onErrorDropped} nor any log (see {@code FromCallableCancellationTest}).
     */
    @Override
    public RunningJob start(Job job) {
        JobRunner.checkJob(job);
        throw new UnsupportedOperationException("TODO(lab11): subscribe to the core on the scheduler with each step's callable as its work, "
                + "decide the ending with a JobEnding, and return a handle whose cancel() disposes and waits for the release");
    }
}
