package labs.level01_independent_execution.lab01_parallel_workers;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab01_parallel_workers.md}: every scenario there is the lab's reactive core,
 * {@link ReactorWorkers#outcomes(reactor.core.publisher.Flux, java.util.function.Function)} and
 * {@link RxJavaWorkers#outcomes(io.reactivex.rxjava3.core.Flowable, io.reactivex.rxjava3.functions.Function)},
 * built with {@code given: workers} and the run's virtual-time scheduler, fed the diagram's
 * {@code tasks} line. A task's work is timed, in virtual time: the legend says how long it works
 * ({@code a = 8ms}) or when it fails ({@code f = fails after 4ms}); a finished task emits its own
 * letter (the outcome's value). The {@code started} line is probed when the core subscribes to a
 * task's work on the scheduler, i.e. when the task starts.
 */
@MarbleFile("lab01_parallel_workers.md")
public final class ParallelWorkersMarbles implements MarbleBinding {

    /** The scenarios, in the file's order; all run the same core, only the diagram differs. */
    private static final List<String> SCENARIOS = List.of(
            "two workers, results in completion order",
            "a straggler sets the completion time",
            "a hog holds one worker",
            "the first failure cancels the rest and no further task starts");

    @Override
    public void bind(Bindings bindings) {
        bindings.bindEach(SCENARIOS,
                run -> new ReactorWorkers(run.givenInt("workers"), run.scheduler())
                        .outcomes(run.flux("tasks").index().map(t -> task(t.getT1(), t.getT2())), task -> work(run, task))
                        .map(Outcome::value),
                run -> new RxJavaWorkers(run.givenInt("workers"), run.scheduler())
                        .outcomes(Flowable.defer(() -> {
                            // numbered as they are handed over: map keeps the source's demand (zip would prefetch)
                            AtomicInteger next = new AtomicInteger();
                            return run.flowable("tasks").map(letter -> task(next.getAndIncrement(), letter));
                        }), task -> work(run, task))
                        .map(Outcome::value));
    }

    /** A task whose callable returns its letter, or throws when the legend says it fails. */
    private static Task<String> task(long id, String letter) {
        return new Task<>((int) id, () -> letter);
    }

    /** Reactor: {@code Mono.delay} on the virtual-time scheduler, then the task's callable or its failure. */
    private static Mono<String> work(ReactorCase run, Task<String> task) {
        return Mono.defer(() -> {
            String letter = letter(task);
            run.probe("started", letter);
            MarbleCase.TimedWork work = run.work(letter);
            Mono<Long> elapsed = Mono.delay(work.time(), run.scheduler());
            return work.endsWith("fails") ? elapsed.then(Mono.error(failure(letter))) : elapsed.then(Mono.fromCallable(task.body()));
        });
    }

    /** RxJava: {@code Single.timer} on the {@code TestScheduler}, then the task's callable or its failure. */
    private static Single<String> work(RxJavaCase run, Task<String> task) {
        return Single.defer(() -> {
            String letter = letter(task);
            run.probe("started", letter);
            MarbleCase.TimedWork work = run.work(letter);
            Single<Long> elapsed = Single.timer(work.time().toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
            return work.endsWith("fails") ? elapsed.flatMap(tick -> Single.<String>error(failure(letter))) : elapsed.flatMap(tick -> Single.fromCallable(task.body()));
        });
    }

    private static String letter(Task<String> task) {
        try {
            return task.body().call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static IllegalStateException failure(String task) {
        return new IllegalStateException("task " + task + " failed");
    }

}
