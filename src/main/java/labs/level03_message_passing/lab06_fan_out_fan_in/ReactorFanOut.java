package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: {@code flatMapSequential(branch -> Mono.fromCallable(branch).subscribeOn(scheduler), n)}.
 *
 * <p>Why {@code flatMapSequential}: it subscribes to every branch at once (like {@code flatMap})
 * but emits in source order, buffering results that arrive early. {@code flatMap} would emit in
 * completion order (the contract promises branch order: {@code resultsComeBackInBranchOrder…}
 * guards it); {@code concatMap} keeps the order by running one branch at a time
 * ({@code branchesRunAtTheSameTime…} guards that).
 *
 * <p><b>Scheduler:</b> {@link Schedulers#boundedElastic()} by default — a fan-out typically calls
 * blocking services, one branch per thread. Pass {@code parallel()} for CPU-bound branches.
 *
 * <p><b>Backpressure:</b> concurrency = the branch count, so every branch is requested at once;
 * out-of-order results wait in {@code flatMapSequential}'s per-inner queues (at most one value
 * per branch here). On the first error every other inner is cancelled; cancelling a
 * {@code subscribeOn} task that is running interrupts its thread.
 */
public final class ReactorFanOut implements FanOutFanIn {

    private final Scheduler scheduler;

    public ReactorFanOut() {
        this(Schedulers.boundedElastic());
    }

    public ReactorFanOut(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public String name() {
        return "reactor";
    }

    /** The fan-out/fan-in in one operator, as the virtual-time scenarios drive it. */
    public static <T, R> Flux<R> inBranchOrder(Flux<T> branches, Function<T, Mono<R>> run, int width) {
        return branches.flatMapSequential(run, width);
    }

    @Override
    public <R> List<R> gather(List<Callable<R>> branches) {
        List<Indexed<R>> checked = Indexed.of(FanOutFanIn.checkBranches(branches));
        return inBranchOrder(Flux.fromIterable(checked), branch -> Mono.fromCallable(branch::call)
                        .subscribeOn(scheduler)
                        .onErrorMap(e -> new BranchFailedException(branch.index(), e))
                        // fromCallable turns null into an empty Mono, which flatMapSequential would skip silently
                        .switchIfEmpty(Mono.error(() -> BranchFailedException.returnedNull(branch.index()))), checked.size())
                .collectList()
                .block(); // the caller's thread, at the edge
    }

    @Override
    public <R> List<BranchOutcome<R>> gatherAll(List<Callable<R>> branches) {
        List<Indexed<R>> checked = Indexed.of(FanOutFanIn.checkBranches(branches));
        // Each failure becomes a value, so no error ever cancels a sibling: mergeDelayError's effect,
        // without losing the values that collectList would drop when the delayed error finally arrives.
        return inBranchOrder(Flux.fromIterable(checked), branch -> Mono.fromCallable(() -> BranchOutcome.of(branch.index(), branch.body()))
                        .subscribeOn(scheduler), checked.size())
                .collectList()
                .block();
    }
}
