package labs.level03_message_passing.lab07_pipeline;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab07_pipeline.md}. {@link Pipeline#process} blocks and runs each stage on a
 * thread of its own, so the diagrams run its parts instead, in virtual time: the lab's async boundary
 * ({@link ReactorPipeline#boundary} = {@code publishOn(thread, false, buffer)},
 * {@link RxJavaPipeline#boundary} = {@code observeOn(thread, false, buffer)}) on the run's scheduler,
 * the lab's {@link Stage#apply} for the failing stage, and {@code process}'s own limit
 * ({@code take(limit, true)} / {@code take(limit)}). A slow stage is timed work from the engine:
 * {@code concatMap(x -> delay(slow), 1)}, as in {@code PipelineBackpressureInVirtualTimeTest}.
 *
 * <p>Items are the {@code source} line's digits as {@code Long}s; {@code demand} records each
 * {@code request(n)} the first boundary (or stage) sends to {@code source}.
 */
public final class PipelineMarbles implements MarbleBinding {

    @Override
    public String file() {
        return "lab07_pipeline.md";
    }

    @Override
    public void bind(Bindings bindings) {
        bindings.bind("a slow stage behind a boundary pulls the source in batches",
                run -> slow(run, ReactorPipeline.boundary(source(run), run.scheduler(), run.givenInt("buffer")), "slow"),
                run -> slow(run, RxJavaPipeline.boundary(source(run), run.scheduler(), run.givenInt("buffer")), "slow"));
        bindings.bind("downstream cancel: take(5) stops the source for good",
                run -> slow(run, ReactorPipeline.boundary(source(run), run.scheduler(), run.givenInt("buffer")), "slow")
                        .take(run.givenInt("limit"), true),
                run -> slow(run, RxJavaPipeline.boundary(source(run), run.scheduler(), run.givenInt("buffer")), "slow")
                        .take(run.givenInt("limit")));
        bindings.bind("an error in the middle stage overtakes the buffer and is reported once",
                run -> {
                    Stage check = failsOn(run);
                    return slow(run, ReactorPipeline.boundary(slow(run, source(run), "stage1").map(check::apply),
                            run.scheduler(), run.givenInt("buffer")), "stage3");
                },
                run -> {
                    Stage check = failsOn(run);
                    return slow(run, RxJavaPipeline.boundary(slow(run, source(run), "stage1").map(check::apply),
                            run.scheduler(), run.givenInt("buffer")), "stage3");
                });
    }

    /**
     * {@code source} as {@code Long}s, each {@code request(n)} that reaches its live subscription
     * recorded on {@code demand}: a request after a cancel or after the source terminated is a no-op
     * (Reactive Streams §3.6) and is not drawn.
     */
    private static Flux<Long> source(ReactorCase run) {
        return Flux.defer(() -> {
            AtomicBoolean over = new AtomicBoolean();
            return run.flux("source").doOnTerminate(() -> over.set(true))
                    .doOnRequest(n -> {
                        if (!over.get()) {
                            run.probe("demand", n);
                        }
                    })
                    .doOnCancel(() -> over.set(true))
                    .map(Long::valueOf);
        });
    }

    private static Flowable<Long> source(RxJavaCase run) {
        return Flowable.defer(() -> {
            AtomicBoolean over = new AtomicBoolean();
            return run.flowable("source").doOnTerminate(() -> over.set(true))
                    .doOnRequest(n -> {
                        if (!over.get()) {
                            run.probe("demand", n);
                        }
                    })
                    .doOnCancel(() -> over.set(true))
                    .map(Long::valueOf);
        });
    }

    /** A stage that takes {@code given: NAME = 10ms} per item, one item at a time. */
    private static Flux<Long> slow(ReactorCase run, Flux<Long> items, String stage) {
        Duration time = MarbleCase.duration(run.given(stage));
        return items.concatMap(x -> Mono.delay(time, run.scheduler()).thenReturn(x), 1);
    }

    private static Flowable<Long> slow(RxJavaCase run, Flowable<Long> items, String stage) {
        long time = MarbleCase.duration(run.given(stage)).toMillis();
        return items.concatMapSingle(x -> Single.timer(time, TimeUnit.MILLISECONDS, run.scheduler()).map(t -> x), 1);
    }

    /** The lab's {@link Stage} named {@code check}, throwing on the item {@code given: failsOn = 3}. */
    private static Stage failsOn(MarbleCase run) {
        long bad = Long.parseLong(run.given("failsOn"));
        return new Stage("check", x -> {
            if (x == bad) {
                throw new IllegalStateException("item " + x + " is bad");
            }
            return x;
        });
    }
}
