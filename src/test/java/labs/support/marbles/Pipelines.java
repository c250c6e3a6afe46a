package labs.support.marbles;

import org.reactivestreams.Publisher;

/**
 * The code a scenario describes, once per library. Each builds the pipeline from the run's
 * {@link MarbleCase}: its input lines, legend and virtual-time scheduler. Return what the lab
 * returns (a {@code Flux}, a {@code Mono}, a {@code Flowable}; convert an RxJava {@code Single} or
 * {@code Observable} with {@code toFlowable}). One of the two is null for a scenario bound to one
 * library only ({@link Bindings#bindReactorOnly}, {@link Bindings#bindRxJavaOnly}).
 */
public record Pipelines(Reactor reactor, RxJava rxjava) {

    /** Whether the scenario is bound, and so runs, on {@code engine}. */
    public boolean runsOn(Engine engine) {
        return (engine == Engine.REACTOR ? reactor : rxjava) != null;
    }

    @FunctionalInterface
    public interface Reactor {
        Publisher<?> build(ReactorCase run);
    }

    @FunctionalInterface
    public interface RxJava {
        Publisher<?> build(RxJavaCase run);
    }
}
