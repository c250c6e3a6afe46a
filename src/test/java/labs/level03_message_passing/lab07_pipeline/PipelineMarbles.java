package labs.level03_message_passing.lab07_pipeline;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab07_pipeline.md}: every scenario there is the lab's reactive core,
 * {@link ReactorPipeline#assemble(Flux, List, long, java.util.function.BiFunction)} and
 * {@link RxJavaPipeline#assemble(Flowable, List, long, io.reactivex.rxjava3.functions.BiFunction)},
 * built from the diagram's {@code given:} line and fed its {@code source} line, every stage on the
 * run's virtual-time scheduler.
 *
 * <p>{@code given: stages = parse slow} names the stages in order; each stage's own entry is how long
 * it works on an item ({@code slow = 10ms}: timed work on the virtual clock, then the stage runs;
 * {@code 0ms}: the stage runs inline, as {@code process} runs it). A stage named {@code check} throws
 * on the item {@code failsOn}. {@code buffer} is the pipeline's buffer, {@code limit} its limit
 * ({@code none}: no limit). Items are the {@code source} line's digits as {@code Long}s; the
 * {@code demand} probe records each {@code request(n)} that reaches {@code source}.
 */
@MarbleFile("lab07_pipeline.md")
public final class PipelineMarbles implements MarbleBinding {

    /** The scenarios, in the file's order; all run the same core, only the diagram differs. */
    private static final List<String> SCENARIOS = List.of(
            "the slowest stage sets the pace",
            "a slow stage behind a boundary pulls the source in batches",
            "downstream cancel: take(5) stops the source for good",
            "an error in the middle stage overtakes the buffer and is reported once");

    @Override
    public void bind(Bindings bindings) {
        bindings.bindEach(SCENARIOS,
                run -> new ReactorPipeline(stages(run), run.givenInt("buffer"))
                        .assemble(source(run), Collections.nCopies(stages(run).size(), run.scheduler()), limit(run),
                                (stage, item) -> {
                                    Duration time = time(run, stage);
                                    return time.isZero() ? Mono.fromCallable(() -> stage.apply(item))
                                            : Mono.delay(time, run.scheduler()).map(tick -> stage.apply(item));
                                }),
                run -> new RxJavaPipeline(stages(run), run.givenInt("buffer"))
                        .assemble(source(run), Collections.nCopies(stages(run).size(), run.scheduler()), limit(run),
                                (stage, item) -> {
                                    Duration time = time(run, stage);
                                    return time.isZero() ? Single.fromCallable(() -> stage.apply(item))
                                            : Single.timer(time.toMillis(), TimeUnit.MILLISECONDS, run.scheduler()).map(tick -> stage.apply(item));
                                }));
    }

    /** The stages {@code given: stages = …} names; {@code check} throws on {@code failsOn}, the others pass items on. */
    private static List<Stage> stages(MarbleCase run) {
        return Arrays.stream(run.given("stages").split("\\s+")).map(name -> name.equals("check")
                ? new Stage(name, failsOn(Long.parseLong(run.given("failsOn"))))
                : new Stage(name, x -> x)).toList();
    }

    private static java.util.function.LongUnaryOperator failsOn(long bad) {
        return x -> {
            if (x == bad) {
                throw new IllegalStateException("item " + x + " is bad");
            }
            return x;
        };
    }

    private static Duration time(MarbleCase run, Stage stage) {
        return MarbleCase.duration(run.given(stage.name()));
    }

    private static long limit(MarbleCase run) {
        String limit = run.given("limit");
        return limit.equals("none") ? Long.MAX_VALUE : Long.parseLong(limit);
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
                    .doOnRequest(n -> demand(run, over, n))
                    .doOnCancel(() -> over.set(true))
                    .map(Long::valueOf);
        });
    }

    private static Flowable<Long> source(RxJavaCase run) {
        return Flowable.defer(() -> {
            AtomicBoolean over = new AtomicBoolean();
            return run.flowable("source").doOnTerminate(() -> over.set(true))
                    .doOnRequest(n -> demand(run, over, n))
                    .doOnCancel(() -> over.set(true))
                    .map(Long::valueOf);
        });
    }

    private static void demand(MarbleCase run, AtomicBoolean over, long n) {
        if (!over.get()) {
            run.probe("demand", n);
        }
    }
}
