package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import io.reactivex.rxjava3.core.BackpressureStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab11_cooperative_cancellation.md}. The lab's scenarios run its reactive core,
 * {@link ReactorJobRunner#items}/{@link ReactorJobRunner#itemsUntil} and their {@link RxJavaJobRunner}
 * twins, built with the run's virtual-time scheduler and fed the diagram's {@code steps} line. The
 * resource is the diagram's {@code resource} line: the acquire subscribes to it, the release cancels
 * that subscription, so {@code resource subs} is the holding. A step's work is timed in virtual time
 * (the legend: {@code a = 4ms}, {@code b = fails after 3ms}) and emits the step's letter;
 * {@code started} is probed when the core subscribes to it.
 *
 * <p>The push-source scenario runs the cleanup hook the core was chosen against — {@code Flux.create}
 * with {@code onDispose}, {@code Flowable.create} with {@code setCancellable} — as
 * {@code CleanupOperatorsComparedTest} does.
 */
@MarbleFile("lab11_cooperative_cancellation.md")
public final class CancellationMarbles implements MarbleBinding {

    @Override
    public void bind(Bindings bindings) {
        bindings.bindEach(List.of("every step, then the release", "a failing step: released, then the error"),
                run -> new ReactorJobRunner(run.scheduler()).items(() -> hold(run), run.flux("steps"), (resource, letter) -> work(run, letter)),
                run -> new RxJavaJobRunner(run.scheduler()).items(() -> hold(run), run.flowable("steps"), (resource, letter) -> work(run, letter)));
        bindings.bind("takeUntilOther: the stop cancels the running step and releases at once",
                run -> new ReactorJobRunner(run.scheduler())
                        .itemsUntil(() -> hold(run), run.flux("steps"), (resource, letter) -> work(run, letter), run.flux("stop")),
                run -> new RxJavaJobRunner(run.scheduler())
                        .itemsUntil(() -> hold(run), run.flowable("steps"), (resource, letter) -> work(run, letter), run.flowable("stop")));
        bindings.bind("stopping the steps, not the job: the step in progress finishes",
                run -> new ReactorJobRunner(run.scheduler())
                        .items(() -> hold(run), run.flux("steps").takeUntilOther(run.flux("stop")), (resource, letter) -> work(run, letter)),
                run -> new RxJavaJobRunner(run.scheduler())
                        .items(() -> hold(run), run.flowable("steps").takeUntil(run.flowable("stop")), (resource, letter) -> work(run, letter)));
        bindings.bind("a push source frees what it holds on every ending",
                run -> Flux.<String>create(sink -> {
                    Resource held = hold(run);
                    var feed = run.flux("ticks").subscribe(sink::next, sink::error, sink::complete);
                    sink.onDispose(() -> {
                        feed.dispose();
                        held.release();
                    });
                }).takeUntilOther(run.flux("stop")),
                run -> Flowable.<String>create(emitter -> {
                    Resource held = hold(run);
                    var feed = run.flowable("ticks").subscribe(emitter::onNext, emitter::onError, emitter::onComplete);
                    emitter.setCancellable(() -> {
                        feed.dispose();
                        held.release();
                    });
                }, BackpressureStrategy.BUFFER).takeUntil(run.flowable("stop")));
    }

    /** Acquires the diagram's resource: a subscription to its {@code resource} line, released by cancelling it. */
    private static Resource hold(ReactorCase run) {
        return run.flux("resource").subscribe()::dispose;
    }

    private static Resource hold(RxJavaCase run) {
        return run.flowable("resource").subscribe()::dispose;
    }

    /** Reactor: the step's work, {@code Mono.delay} on the virtual clock, then its letter or its failure. */
    private static Mono<String> work(ReactorCase run, String letter) {
        return Mono.defer(() -> {
            run.probe("started", letter);
            Work work = Work.of(run, letter);
            Mono<Long> elapsed = Mono.delay(work.time(), run.scheduler());
            return work.fails() ? elapsed.then(Mono.error(failure(letter))) : elapsed.thenReturn(letter);
        });
    }

    /** RxJava: {@code Maybe.timer} on the {@code TestScheduler}, then its letter or its failure. */
    private static Maybe<String> work(RxJavaCase run, String letter) {
        return Maybe.defer(() -> {
            run.probe("started", letter);
            Work work = Work.of(run, letter);
            Maybe<Long> elapsed = Maybe.timer(work.time().toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
            return work.fails() ? elapsed.flatMap(tick -> Maybe.<String>error(failure(letter))) : elapsed.map(tick -> letter);
        });
    }

    private static IllegalStateException failure(String step) {
        return new IllegalStateException("step " + step + " breaks");
    }

    /** A legend entry: {@code 4ms} (works 4 ms, then emits its letter) or {@code fails after 3ms}. */
    private record Work(Duration time, boolean fails) {
        static final String FAILS = "fails after ";

        static Work of(MarbleCase run, String step) {
            String text = run.value(step);
            boolean fails = text.startsWith(FAILS);
            return new Work(MarbleCase.duration(fails ? text.substring(FAILS.length()) : text), fails);
        }
    }
}
