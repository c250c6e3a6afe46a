package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.BackpressureStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableEmitter;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The cleanup hooks the lab chose among, on the three ways a stream ends — completed, failed,
 * cancelled — each with a log of what ran and in what order. Where each fits (DESIGN.md):
 * <ul>
 *   <li>{@code Flux.create}: {@code onCancel} runs only on a cancel (stop the producer), {@code onDispose}
 *       on every ending (free what it holds).</li>
 *   <li>RxJava's {@code setCancellable} runs on every ending: it is Reactor's {@code onDispose}, and RxJava
 *       has no {@code onCancel} — code that must run only on a cancel has to tell the two apart itself.</li>
 *   <li>{@code using}/{@code usingWhen} release <em>before</em> the subscriber sees the end;
 *       {@code doFinally} runs <em>after</em> it, once, and says which ending it was.</li>
 * </ul>
 */
class CleanupOperatorsComparedTest {

    private final List<String> log = new CopyOnWriteArrayList<>();

    /** A push source whose sink the test drives, with both of Reactor's hooks logged. */
    private Flux<String> created(AtomicReference<FluxSink<String>> sink) {
        return Flux.<String>create(s -> {
            s.onCancel(() -> log.add("onCancel"));
            s.onDispose(() -> log.add("onDispose"));
            sink.set(s);
        });
    }

    private enum End { COMPLETE, ERROR, CANCEL }

    private List<String> reactorEndedBy(End end) {
        AtomicReference<FluxSink<String>> sink = new AtomicReference<>();
        StepVerifier.Step<String> step = StepVerifier.create(created(sink).doOnComplete(() -> log.add("completed")).doOnError(e -> log.add("failed")))
                .then(() -> sink.get().next("a"))
                .expectNext("a");
        switch (end) {
            case COMPLETE -> step.then(() -> sink.get().complete()).verifyComplete();
            case ERROR -> step.then(() -> sink.get().error(new IllegalStateException("boom"))).verifyError();
            case CANCEL -> step.thenCancel().verify();
        }
        return List.copyOf(log);
    }

    @Test
    @Hint("onCancel is for stopping the producer (only a cancel needs that); onDispose is for freeing what it holds (every ending needs that).")
    void fluxCreateCallsOnCancelOnlyWhenCancelledAndOnDisposeOnEveryEnding() {
        assertThat(reactorEndedBy(End.COMPLETE)).as("completed").containsExactly("completed", "onDispose");
        log.clear();
        assertThat(reactorEndedBy(End.ERROR)).as("failed").containsExactly("failed", "onDispose");
        log.clear();
        assertThat(reactorEndedBy(End.CANCEL)).as("cancelled").containsExactly("onCancel", "onDispose");
    }

    private List<String> rxJavaEndedBy(End end) {
        AtomicReference<FlowableEmitter<String>> emitter = new AtomicReference<>();
        TestSubscriber<String> subscriber = Flowable.<String>create(e -> {
                    e.setCancellable(() -> log.add("cancellable"));
                    emitter.set(e);
                }, BackpressureStrategy.BUFFER)
                .doOnComplete(() -> log.add("completed"))
                .doOnError(e -> log.add("failed"))
                .test();
        emitter.get().onNext("a");
        switch (end) {
            case COMPLETE -> emitter.get().onComplete();
            case ERROR -> emitter.get().onError(new IllegalStateException("boom"));
            case CANCEL -> subscriber.cancel();
        }
        subscriber.assertValues("a");
        return List.copyOf(log);
    }

    @Test
    @Hint("setCancellable runs when the emitter is done for any reason: use it to free resources; to stop work only on a cancel, look at what ended first.")
    void rxJavaSetCancellableRunsOnEveryEndingSoItCannotTellACancelFromACompletion() {
        assertThat(rxJavaEndedBy(End.COMPLETE)).as("completed").containsExactly("completed", "cancellable");
        log.clear();
        assertThat(rxJavaEndedBy(End.ERROR)).as("failed").containsExactly("failed", "cancellable");
        log.clear();
        assertThat(rxJavaEndedBy(End.CANCEL)).as("cancelled").containsExactly("cancellable");
    }

    @Test
    @Hint("using releases before the end goes downstream; doFinally runs after the subscriber has seen it. Which one may a caller wait for?")
    void usingReleasesBeforeTheSubscriberSeesTheEndAndDoFinallyAfterIt() {
        StepVerifier.create(Flux.using(() -> "resource", r -> Flux.just("a", "b"), r -> log.add("released"))
                        .doFinally(signal -> log.add("doFinally " + signal))
                        .doOnComplete(() -> log.add("completed (as the subscriber sees it)")))
                .expectNext("a", "b")
                .verifyComplete();

        assertThat(log).as("order").containsExactly("released", "completed (as the subscriber sees it)", "doFinally onComplete");
    }

    @Test
    @Hint("doFinally runs exactly once, whatever the ending, and its SignalType says which: the one place a single report can be made.")
    void doFinallyRunsOnceAndSaysWhichEnding() {
        StepVerifier.create(Mono.just("a").doFinally(signal -> log.add(signal.toString()))).expectNext("a").verifyComplete();
        StepVerifier.create(Mono.error(new IllegalStateException("boom")).doFinally(signal -> log.add(signal.toString()))).verifyError();
        StepVerifier.create(Mono.never().doFinally(signal -> log.add(signal.toString()))).thenCancel().verify();

        assertThat(log).as("one call per stream, naming its ending").containsExactly("onComplete", "onError", "cancel");
    }
}
