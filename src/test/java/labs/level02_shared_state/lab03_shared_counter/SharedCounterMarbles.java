package labs.level02_shared_state.lab03_shared_counter;

import io.reactivex.rxjava3.core.Flowable;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Binds {@code marbles/lab03_shared_counter.md}. Its one executable scenario is the single writer:
 * each item of the lines {@code A} and {@code B} is one {@code increment()} call on
 * {@link ReactorSingleWriterCounter} (Reactor) or {@link RxJavaSingleWriterCounter} (RxJava); the
 * {@code totals} line is probed by the counter's own hook inside the fold's {@code onNext}, where
 * the total is written; the output is what {@code get()} returns right after each
 * {@code increment()} has returned. The file's other diagrams stage races between real threads
 * (a thread parked inside {@code onNext}) and stay {@code text}: virtual time runs everything on
 * one thread, one frame after another, so it cannot draw them ({@code ReactiveCounterPitfallTest}
 * stages them).
 */
public final class SharedCounterMarbles implements MarbleBinding {

    @Override
    public String file() {
        return "lab03_shared_counter.md";
    }

    @Override
    public void bind(Bindings bindings) {
        bindings.bind("the single writer folds every increment, one onNext at a time",
                run -> {
                    ReactorSingleWriterCounter counter = new ReactorSingleWriterCounter(
                            () -> Sinks.EmitFailureHandler.busyLooping(ReactorSingleWriterCounter.CONTENTION_BOUND),
                            total -> run.probe("totals", total));
                    return Flux.merge(calls(run.flux("A"), counter), calls(run.flux("B"), counter))
                            .doFinally(signal -> counter.dispose());
                },
                run -> {
                    RxJavaSingleWriterCounter counter = new RxJavaSingleWriterCounter(total -> run.probe("totals", total));
                    return Flowable.merge(calls(run.flowable("A"), counter), calls(run.flowable("B"), counter))
                            .doFinally(counter::dispose);
                });
    }

    /** Each item is one {@code increment()}; emits the total read right after it returned. */
    private static Flux<Long> calls(Flux<String> line, Counter counter) {
        return line.map(call -> increment(counter));
    }

    private static Flowable<Long> calls(Flowable<String> line, Counter counter) {
        return line.map(call -> increment(counter));
    }

    private static long increment(Counter counter) {
        counter.increment();
        return counter.get();
    }
}
