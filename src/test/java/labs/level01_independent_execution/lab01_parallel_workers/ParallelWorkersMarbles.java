package labs.level01_independent_execution.lab01_parallel_workers;

import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab01_parallel_workers.md}: every scenario there is the lab's one operator,
 * {@link ReactorWorkers#inParallel} and {@link RxJavaWorkers#inParallel}, fed the diagram's
 * {@code tasks} line with {@code given: workers}. A task's work is timed, in virtual time: the
 * legend says how long it works ({@code a = 8ms}) or when it fails ({@code f = fails after 4ms});
 * a finished task emits its own letter. The {@code started} line is probed when a worker subscribes
 * to a task's work, i.e. when the task starts.
 */
public final class ParallelWorkersMarbles implements MarbleBinding {

    /** The scenarios, in the file's order; all run the same operator, only the diagram differs. */
    private static final List<String> SCENARIOS = List.of(
            "two workers, results in completion order",
            "a straggler sets the completion time",
            "a hog holds one worker",
            "the first failure cancels the rest and no further task starts");

    @Override
    public String file() {
        return "lab01_parallel_workers.md";
    }

    @Override
    public void bind(Bindings bindings) {
        for (String scenario : SCENARIOS) {
            bindings.bind(scenario,
                    run -> ReactorWorkers.inParallel(run.flux("tasks"), task -> work(run, task), run.givenInt("workers")),
                    run -> RxJavaWorkers.inParallel(run.flowable("tasks"), task -> work(run, task), run.givenInt("workers")));
        }
    }

    /** Reactor: {@code Mono.delay} on the virtual-time scheduler, then the task's letter or its failure. */
    private static Mono<String> work(ReactorCase run, String task) {
        return Mono.defer(() -> {
            run.probe("started", task);
            Work work = Work.of(run, task);
            Mono<Long> elapsed = Mono.delay(work.time(), run.scheduler());
            return work.fails() ? elapsed.then(Mono.error(failure(task))) : elapsed.thenReturn(task);
        });
    }

    /** RxJava: {@code Single.timer} on the {@code TestScheduler}, then the task's letter or its failure. */
    private static Single<String> work(RxJavaCase run, String task) {
        return Single.defer(() -> {
            run.probe("started", task);
            Work work = Work.of(run, task);
            Single<Long> elapsed = Single.timer(work.time().toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
            return work.fails() ? elapsed.flatMap(tick -> Single.<String>error(failure(task))) : elapsed.map(tick -> task);
        });
    }

    private static IllegalStateException failure(String task) {
        return new IllegalStateException("task " + task + " failed");
    }

    /** A legend entry: {@code 8ms} (works 8 ms, then succeeds) or {@code fails after 4ms}. */
    private record Work(Duration time, boolean fails) {
        static final String FAILS = "fails after ";

        static Work of(MarbleCase run, String task) {
            String text = run.value(task);
            boolean fails = text.startsWith(FAILS);
            return new Work(MarbleCase.duration(fails ? text.substring(FAILS.length()) : text), fails);
        }
    }
}
