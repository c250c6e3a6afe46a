package labs.level04_coordination.lab09_run_once;

import java.util.Objects;
import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * YOUR lab09 Reactor implementation: a run-once value as a {@code Mono}. The spec:
 * docs/labs/level04_coordination/lab09_run_once/README.md; the diagrams your core must draw:
 * marbles/lab09_run_once.md.
 *
 * <p>Write the reactive core, {@link #value()}: the initialization, made shareable. The constructors
 * and the blocking edge ({@link #get()}, via {@code ReactorEdge}) are given. What {@code value()}
 * must do:
 * <ol>
 *   <li>the first subscriber starts the one run of {@code initialization}; subscribers that arrive
 *       during it join it; later ones get its outcome at once — the same instance every time;</li>
 *   <li>a failed run is kept for every later subscriber, and nothing runs again (this variant's
 *       policy is {@code CACHED});</li>
 *   <li>a subscriber that cancels only leaves: the run goes on for the others and for later
 *       subscribers;</li>
 *   <li>{@code value()} returns the same {@code Mono} every time (build it once).</li>
 * </ol>
 *
 * <p><b>Scheduler:</b> the initializer runs on the one given to the constructor (boundedElastic()
 * by default: an initializer usually blocks). <b>Backpressure:</b> a {@code Mono}: one value.
 *
 * <p>Check it: {@code target/labs check lab09}
 */
public final class ReactorCachedLazy<T> implements RunOnce<T> {

    private final Mono<T> initialization;

    /** The initializer on {@link Schedulers#boundedElastic()}. (Given.) */
    public ReactorCachedLazy(Callable<T> initializer) {
        this(initializer, Schedulers.boundedElastic());
    }

    /** (Given.) */
    public ReactorCachedLazy(Callable<T> initializer, Scheduler scheduler) {
        this(Mono.fromCallable(RunOnce.nonNull(initializer)).subscribeOn(Objects.requireNonNull(scheduler, "scheduler")));
    }

    /** The core over any initialization. */
    public ReactorCachedLazy(Mono<T> initialization) {
        this.initialization = Objects.requireNonNull(initialization, "initialization");
    }

    /** The reactive core: see the class comment for its contract. */
    public Mono<T> value() {
        throw new UnsupportedOperationException("TODO(lab09): the initialization, subscribed at most once and its outcome kept for every subscriber");
    }

    /** The blocking edge. (Given.) */
    @Override
    public T get() {
        return ReactorEdge.await(value());
    }
}
