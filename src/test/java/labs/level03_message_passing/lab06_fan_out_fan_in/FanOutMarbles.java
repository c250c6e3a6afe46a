package labs.level03_message_passing.lab06_fan_out_fan_in;

import io.reactivex.rxjava3.core.Flowable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab06_fan_out_fan_in.md}. The lab's fan-out/fan-in is one operator,
 * {@link ReactorFanOut#inBranchOrder} ({@code flatMapSequential}) and {@link RxJavaFanOut#inBranchOrder}
 * ({@code concatMapEager}); the scenarios that show it run it on the diagram's {@code branches} line
 * with {@code given: width}. A branch's work is timed in virtual time: the legend says how long it
 * takes ({@code a = 30ms}) or when it fails ({@code b = fails after 10ms}); a finished branch emits
 * its own letter; {@code started} is probed when a branch is subscribed.
 *
 * <p>The ordering and error-policy comparisons run the library operators the lab's javadoc weighs
 * against it — {@code flatMap}, {@code concatMap}, {@code merge}, {@code mergeDelayError} — exactly as
 * {@code FanOutOrderingAndErrorsInVirtualTimeTest} does; the merge scenarios read one line per branch
 * ({@code a}, {@code b}, {@code c}), so their subscriptions ({@code a subs}) show who is cancelled.
 */
public final class FanOutMarbles implements MarbleBinding {

    @Override
    public String file() {
        return "lab06_fan_out_fan_in.md";
    }

    @Override
    public void bind(Bindings bindings) {
        for (String scenario : new String[] {
                "flatMapSequential: all at once, results in branch order",
                "a slow first branch holds back every result",
                "gather fails fast: the first failure cancels the other branches"}) {
            bindings.bind(scenario,
                    run -> ReactorFanOut.inBranchOrder(run.flux("branches"), branch -> branch(run, branch), run.givenInt("width")),
                    run -> RxJavaFanOut.inBranchOrder(run.flowable("branches"), branch -> branch(run, branch), run.givenInt("width")));
        }
        bindings.bind("flatMap: results in completion order",
                run -> run.flux("branches").flatMap(branch -> branch(run, branch)),
                run -> run.flowable("branches").flatMap(branch -> branch(run, branch)));
        // Prefetch 1 on both, so the branches line is pulled the same way: Reactor's default would
        // take all of it at once (32), RxJava's two at a time.
        bindings.bind("concatMap: branch order, one at a time",
                run -> run.flux("branches").concatMap(branch -> branch(run, branch), 1),
                run -> run.flowable("branches").concatMap(branch -> branch(run, branch), 1));
        bindings.bind("merge cancels the siblings at the first error",
                run -> Flux.merge(run.flux("a"), run.flux("b"), run.flux("c")),
                run -> Flowable.merge(run.flowable("a"), run.flowable("b"), run.flowable("c")));
        bindings.bind("mergeDelayError lets the siblings finish, then reports the error",
                run -> Flux.mergeDelayError(1, run.flux("a"), run.flux("b"), run.flux("c")),
                run -> Flowable.mergeDelayError(run.flowable("a"), run.flowable("b"), run.flowable("c")));
    }

    /** Reactor: {@code Mono.delay} on the virtual-time scheduler, then the branch's letter or its failure. */
    private static Mono<String> branch(ReactorCase run, String branch) {
        return Mono.defer(() -> {
            run.probe("started", branch);
            Work work = Work.of(run, branch);
            Mono<Long> elapsed = Mono.delay(work.time(), run.scheduler());
            return work.fails() ? elapsed.then(Mono.error(failure(branch))) : elapsed.thenReturn(branch);
        });
    }

    /** RxJava: {@code Flowable.timer} on the {@code TestScheduler}, then the branch's letter or its failure. */
    private static Flowable<String> branch(RxJavaCase run, String branch) {
        return Flowable.defer(() -> {
            run.probe("started", branch);
            Work work = Work.of(run, branch);
            Flowable<Long> elapsed = Flowable.timer(work.time().toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
            return work.fails() ? elapsed.flatMap(tick -> Flowable.<String>error(failure(branch))) : elapsed.map(tick -> branch);
        });
    }

    private static IllegalStateException failure(String branch) {
        return new IllegalStateException("branch " + branch + " failed");
    }

    /** A legend entry: {@code 30ms} (takes 30 ms, then emits) or {@code fails after 10ms}. */
    private record Work(Duration time, boolean fails) {
        static final String FAILS = "fails after ";

        static Work of(MarbleCase run, String branch) {
            String text = run.value(branch);
            boolean fails = text.startsWith(FAILS);
            return new Work(MarbleCase.duration(fails ? text.substring(FAILS.length()) : text), fails);
        }
    }
}
