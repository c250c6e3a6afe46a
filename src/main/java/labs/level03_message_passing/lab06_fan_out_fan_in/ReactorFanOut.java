package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import labs.support.Result;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: {@code flatMapSequential(branch -> work(branch).subscribeOn(scheduler), width)}.
 *
 * <p>The reactive core is {@link #inBranchOrder} (fail fast) and {@link #everyOutcome} (delay
 * errors): each takes the branches as a {@code Flux} and how a branch's work becomes a {@code Mono},
 * and returns what the fan-in gathers. {@link #gather} and {@link #gatherAll} are the blocking edge
 * ({@code work = Mono.fromCallable(branch.body())}, every branch at once, then {@code block()}); the
 * virtual-time tests and the marble diagrams drive the same core with timed work
 * ({@code Mono.delay} on a virtual-time scheduler passed to the constructor).
 *
 * <p>Why {@code flatMapSequential}: it subscribes to every branch at once (like {@code flatMap})
 * but emits in source order, holding results that arrive early. {@code flatMap} would emit in
 * completion order (the contract promises branch order); {@code concatMap} keeps the order by
 * running one branch at a time.
 *
 * <p><b>Scheduler:</b> the one given to the constructor; {@link Schedulers#boundedElastic()} by
 * default — a fan-out typically calls blocking services, one branch per thread. Pass
 * {@code parallel()} for CPU-bound branches (BlockHound rejects a blocking branch there).
 *
 * <p><b>Backpressure:</b> {@code width} branches run at once (the edge: all of them). The source is
 * asked for {@code width} branches, and for one more only when the branch at the head of the order
 * has been emitted — not when any branch finishes. A result that is ready early waits in its
 * branch's queue (one value per branch here); results go downstream as it asks for them.
 *
 * <p>In {@link #inBranchOrder} the first failure cancels every other branch; cancelling a
 * {@code subscribeOn} task that is running interrupts its thread. The call returns without
 * waiting for the interrupted sibling to unwind.
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

    /**
     * The core, fail fast: each branch's {@code work} subscribed on this scheduler, {@code width}
     * at once, the values in branch order. {@code work} is applied as each branch starts and must
     * only describe the work ({@code Mono.fromCallable(…)}, not {@code Mono.just(call())}): what it
     * returns runs on the scheduler. The first branch to fail (or to answer nothing: a
     * callable that returned null) ends the stream with {@link BranchFailedException} naming it
     * and cancels the others; an {@link Error} ends it as it is. Subscribe to start; cancel to stop.
     */
    public <R> Flux<R> inBranchOrder(Flux<Branch<R>> branches, Function<Branch<R>, Mono<R>> work, int width) {
        Objects.requireNonNull(work, "work");
        return branches.flatMapSequential(branch -> onScheduler(branch, work)
                .onErrorMap(Exception.class, e -> new BranchFailedException(branch.index(), e))
                .switchIfEmpty(Mono.error(() -> BranchFailedException.returnedNull(branch.index()))), width);
    }

    /**
     * The core, delay errors: like {@link #inBranchOrder}, but a branch's exception (or its empty
     * answer) becomes that branch's {@link Result} instead of an error, so no branch is cancelled
     * and every one's outcome arrives, in branch order. Only an {@link Error} ends it early.
     */
    public <R> Flux<Result<R>> everyOutcome(Flux<Branch<R>> branches, Function<Branch<R>, Mono<R>> work, int width) {
        Objects.requireNonNull(work, "work");
        return branches.flatMapSequential(branch -> onScheduler(branch, work)
                .map(Result::success)
                .switchIfEmpty(Mono.fromSupplier(() -> Result.failure(BranchFailedException.returnedNull(branch.index()))))
                .onErrorResume(Exception.class, e -> Mono.just(Result.failure(e))), width);
    }

    /**
     * The branch's work, subscribed on this scheduler. {@code subscribeOn} goes straight onto what
     * {@code work} returns: on a {@code Mono.fromCallable} Reactor then runs the callable as one
     * scheduled task, which a cancellation interrupts and whose late failure it drops quietly
     * (behind a {@code defer} it would log each one through {@code onErrorDropped}).
     */
    private <R> Mono<R> onScheduler(Branch<R> branch, Function<Branch<R>, Mono<R>> work) {
        return work.apply(branch).subscribeOn(scheduler);
    }

    /** A branch's work at the edge: its callable (a null answer is an empty {@code Mono}). */
    private static <R> Mono<R> call(Branch<R> branch) {
        return Mono.fromCallable(branch.body());
    }

    @Override
    public <R> List<R> gather(List<Callable<R>> branches) {
        List<Branch<R>> checked = Branch.of(branches);
        return atTheEdge(inBranchOrder(Flux.fromIterable(checked), ReactorFanOut::call, checked.size()).collectList());
    }

    @Override
    public <R> List<Result<R>> gatherAll(List<Callable<R>> branches) {
        List<Branch<R>> checked = Branch.of(branches);
        return atTheEdge(everyOutcome(Flux.fromIterable(checked), ReactorFanOut::call, checked.size()).collectList());
    }

    /**
     * Blocks the calling thread — only ever outside the reactive world, never on a scheduler's
     * thread. {@code block()} wraps an {@link Error} in an unchecked exception: it is unwrapped and
     * rethrown as it is.
     */
    private static <T> T atTheEdge(Mono<T> answer) {
        try {
            return answer.block();
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
