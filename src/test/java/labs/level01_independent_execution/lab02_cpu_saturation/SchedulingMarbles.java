package labs.level01_independent_execution.lab02_cpu_saturation;

import io.reactivex.rxjava3.core.Completable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab02_cpu_saturation.md}. Every scenario there is the lab's reactive core,
 * {@link ReactorScheduling#completions(reactor.core.publisher.Flux, java.util.function.Function)} and
 * {@link RxJavaScheduling#completions(io.reactivex.rxjava3.core.Flowable, io.reactivex.rxjava3.functions.Function)},
 * built with the run's virtual-time scheduler and fed the diagram's {@code tasks} line. A task's
 * work is a timer of the legend's length on that scheduler ({@code a = 4ms}); the core calls the
 * work function when a thread starts the task, which is when the {@code started} probe records it.
 *
 * <p>The one model (the page says why): a scheduler's {@code threads} cap how many CPU-bound tasks
 * run at once, and virtual time has no threads to run out of, so the core is built with
 * {@code min(workers, threads)} workers.
 */
@MarbleFile("lab02_cpu_saturation.md")
public final class SchedulingMarbles implements MarbleBinding {

    /** The scenarios, in the file's order; all run the same core, only the diagram differs. */
    private static final List<String> SCENARIOS = List.of(
            "blocking work on enough threads: every task waits at once",
            "one worker runs the batch one task at a time",
            "two workers halve the batch",
            "more workers than threads: cpu-bound tasks still run two at a time");

    @Override
    public void bind(Bindings bindings) {
        bindings.bindEach(SCENARIOS,
                run -> new ReactorScheduling(atOnce(run), run.scheduler()).completions(run.flux("tasks"), task -> {
                    run.probe("started", task);
                    return Mono.delay(MarbleCase.duration(run.value(task)), run.scheduler());
                }),
                run -> new RxJavaScheduling(atOnce(run), run.scheduler()).completions(run.flowable("tasks"), task -> {
                    run.probe("started", task);
                    return Completable.timer(MarbleCase.duration(run.value(task)).toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
                }));
    }

    /** How many tasks can run at once: the workers asked for, capped by the scheduler's threads. */
    private static int atOnce(MarbleCase run) {
        return Math.min(run.givenInt("workers"), run.givenInt("threads"));
    }
}
