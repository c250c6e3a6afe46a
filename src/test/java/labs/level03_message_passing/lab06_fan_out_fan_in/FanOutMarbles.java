package labs.level03_message_passing.lab06_fan_out_fan_in;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Result;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab06_fan_out_fan_in.md}. The lab's own scenarios run its reactive core —
 * {@link ReactorFanOut#inBranchOrder} / {@link ReactorFanOut#everyOutcome} and their
 * {@link RxJavaFanOut} twins — built with the run's virtual-time scheduler, fed the diagram's
 * {@code branches} line, {@code given: width} branches at once. A branch's work is timed in virtual
 * time: the legend says how long it takes ({@code a = 30ms}) or when it fails
 * ({@code b = fails after 10ms}); a finished branch answers its own letter; {@code started} is
 * probed when the core subscribes to a branch's work, i.e. when the branch starts.
 *
 * <p>The comparisons run the library operators the core was chosen against — {@code flatMap},
 * {@code concatMap}, {@code merge}, {@code mergeDelayError} — as
 * {@code FanOutOperatorsComparedInVirtualTimeTest} does; the merge scenarios read one line per
 * branch ({@code a}, {@code b}, {@code c}).
 */
@MarbleFile("lab06_fan_out_fan_in.md")
public final class FanOutMarbles implements MarbleBinding {

    /** The scenarios of the fail-fast core, in the file's order; only the diagram differs. */
    private static final List<String> IN_BRANCH_ORDER = List.of(
            "flatMapSequential: all at once, results in branch order",
            "a slow first branch holds back every result",
            "a narrow fan-out starts the next branch only when the head is done",
            "gather fails fast: the first failure cancels the other branches");

    @Override
    public void bind(Bindings bindings) {
        bindings.bindEach(IN_BRANCH_ORDER,
                run -> new ReactorFanOut(run.scheduler()).inBranchOrder(branches(run), branch -> work(run, branch), run.givenInt("width")),
                run -> new RxJavaFanOut(run.scheduler()).inBranchOrder(branches(run), branch -> work(run, branch), run.givenInt("width")));
        bindings.bind("gatherAll delays errors: every branch finishes, the failure keeps its slot",
                run -> new ReactorFanOut(run.scheduler()).everyOutcome(branches(run), branch -> work(run, branch), run.givenInt("width"))
                        .map(FanOutMarbles::shown),
                run -> new RxJavaFanOut(run.scheduler()).everyOutcome(branches(run), branch -> work(run, branch), run.givenInt("width"))
                        .map(FanOutMarbles::shown));

        bindings.bind("flatMap: results in completion order",
                run -> run.flux("branches").flatMap(letter -> timed(run, letter)),
                run -> run.flowable("branches").flatMap(letter -> timed(run, letter).toFlowable()));
        // Prefetch 1 on both, so the branches line is pulled the same way: Reactor's default would
        // take all of it at once (32), RxJava's two at a time.
        bindings.bind("concatMap: branch order, one at a time",
                run -> run.flux("branches").concatMap(letter -> timed(run, letter), 1),
                run -> run.flowable("branches").concatMap(letter -> timed(run, letter).toFlowable(), 1));
        bindings.bind("merge cancels the siblings at the first error",
                run -> Flux.merge(run.flux("a"), run.flux("b"), run.flux("c")),
                run -> Flowable.merge(run.flowable("a"), run.flowable("b"), run.flowable("c")));
        bindings.bind("mergeDelayError lets the siblings finish, then reports the error",
                run -> Flux.mergeDelayError(1, run.flux("a"), run.flux("b"), run.flux("c")),
                run -> Flowable.mergeDelayError(run.flowable("a"), run.flowable("b"), run.flowable("c")));
    }

    /** The diagram's branches, numbered as they are handed over: index() and map keep the line's demand (zip would prefetch). */
    private static Flux<Branch<String>> branches(ReactorCase run) {
        return run.flux("branches").index().map(numbered -> branch(numbered.getT1(), numbered.getT2()));
    }

    private static Flowable<Branch<String>> branches(RxJavaCase run) {
        return Flowable.defer(() -> {
            AtomicInteger next = new AtomicInteger();
            return run.flowable("branches").map(letter -> branch(next.getAndIncrement(), letter));
        });
    }

    /** A branch whose callable answers its letter. */
    private static Branch<String> branch(long index, String letter) {
        return new Branch<>((int) index, () -> letter);
    }

    /** A branch's work: it works its time on the virtual clock, then answers its letter, or fails. */
    private static Mono<String> work(ReactorCase run, Branch<String> branch) {
        return timed(run, letter(branch));
    }

    private static Maybe<String> work(RxJavaCase run, Branch<String> branch) {
        return timed(run, letter(branch));
    }

    /** Reactor: {@code Mono.delay} on the virtual-time scheduler, then the letter or its failure; probes {@code started}. */
    private static Mono<String> timed(ReactorCase run, String letter) {
        return Mono.defer(() -> {
            run.probe("started", letter);
            MarbleCase.TimedWork work = run.work(letter);
            Mono<Long> elapsed = Mono.delay(work.time(), run.scheduler());
            return work.endsWith("fails") ? elapsed.then(Mono.error(failure(letter))) : elapsed.thenReturn(letter);
        });
    }

    /** RxJava: {@code Maybe.timer} on the {@code TestScheduler}, then the letter or its failure; probes {@code started}. */
    private static Maybe<String> timed(RxJavaCase run, String letter) {
        return Maybe.defer(() -> {
            run.probe("started", letter);
            MarbleCase.TimedWork work = run.work(letter);
            Maybe<Long> elapsed = Maybe.timer(work.time().toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
            return work.endsWith("fails") ? elapsed.flatMap(tick -> Maybe.<String>error(failure(letter))) : elapsed.map(tick -> letter);
        });
    }

    private static String letter(Branch<String> branch) {
        try {
            return branch.body().call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An outcome as the diagram draws it: the value's letter, or {@code failed: } and the failure's message (the legend names it). */
    private static String shown(Result<String> outcome) {
        return outcome.succeeded() ? outcome.value() : "failed: " + outcome.error().getMessage();
    }

    private static IllegalStateException failure(String branch) {
        return new IllegalStateException("branch " + branch + " failed");
    }

}
