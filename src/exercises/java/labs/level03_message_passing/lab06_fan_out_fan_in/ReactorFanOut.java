package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import labs.support.Result;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * YOUR Reactor fan-out / fan-in (lab06). The contract is {@link FanOutFanIn}'s, clause by clause;
 * the lab's README states it, and its tests, failure scenarios, marble diagrams, BlockHound and the
 * leak check all run against this class. Write the reactive core first (the virtual-time tests and
 * the diagrams drive it), then the two blocking methods over it.
 *
 * <p><b>Scheduler:</b> every branch's work must run on the scheduler given to the constructor
 * ({@link Schedulers#boundedElastic()} by default: branches may block), never on the caller's thread
 * and never on a scheduler you pick yourself — a test gives a virtual-time one, another gives
 * {@code parallel()} and expects BlockHound to catch a blocking branch there.
 *
 * <p><b>Backpressure:</b> at most {@code width} branches run at once (the blocking methods: every
 * branch); a result that is ready before its turn waits, and results go downstream in branch order,
 * as downstream asks for them.
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
     * The core, fail fast. Subscribes to {@code work.apply(branch)} for up to {@code width} branches
     * at once, each on this class's scheduler, and emits their values in <em>branch</em> order
     * (the order {@code branches} hands them over), whatever order they finish in.
     * <ul>
     *   <li>A branch whose work fails with an {@link Exception} ends the stream with
     *       {@code new BranchFailedException(branch.index(), thatException)}, and every other branch
     *       still running is cancelled.</li>
     *   <li>A branch whose work completes empty (its callable returned null) ends it with
     *       {@link BranchFailedException#returnedNull(int)}.</li>
     *   <li>An {@link Error} ends it as it is: never wrapped.</li>
     * </ul>
     * {@code work} only describes a branch's work ({@code Mono.fromCallable(…)}); nothing may run
     * before the stream is subscribed.
     */
    public <R> Flux<R> inBranchOrder(Flux<Branch<R>> branches, Function<Branch<R>, Mono<R>> work, int width) {
        throw new UnsupportedOperationException("TODO(lab06): subscribe to up to width branches' work at once on the scheduler, "
                + "emit their values in branch order, and fail fast with BranchFailedException naming the branch");
    }

    /**
     * The core, delay errors. Like {@link #inBranchOrder}, but each branch's outcome is a
     * {@link Result}: its value, or the exception its work failed with (as it was thrown), or
     * {@link BranchFailedException#returnedNull(int)} when it completed empty. No branch is ever
     * cancelled because another failed; every outcome arrives, in branch order. Only an
     * {@link Error} ends the stream early, as it is.
     */
    public <R> Flux<Result<R>> everyOutcome(Flux<Branch<R>> branches, Function<Branch<R>, Mono<R>> work, int width) {
        throw new UnsupportedOperationException("TODO(lab06): like inBranchOrder, but turn each branch's failure into its Result "
                + "instead of an error, so no sibling is cancelled");
    }

    /**
     * The blocking edge of {@link #inBranchOrder}: every branch at once, each one's work its
     * callable, then one blocking wait on the caller's thread. Checks its input first
     * ({@link Branch#of}, which calls {@link FanOutFanIn#checkBranches}). Throws the
     * {@link BranchFailedException} the core ends with; an {@link Error} comes out as it is.
     * A cancelled branch whose callable then fails must not be reported anywhere (see
     * {@code CancelledSiblingTest}).
     */
    @Override
    public <R> List<R> gather(List<Callable<R>> branches) {
        throw new UnsupportedOperationException("TODO(lab06): check the branches, run inBranchOrder over all of them "
                + "with each branch's callable as its work, and wait for the list on the caller's thread");
    }

    /** The blocking edge of {@link #everyOutcome}, as {@link #gather} is of {@link #inBranchOrder}. */
    @Override
    public <R> List<Result<R>> gatherAll(List<Callable<R>> branches) {
        throw new UnsupportedOperationException("TODO(lab06): check the branches, run everyOutcome over all of them "
                + "with each branch's callable as its work, and wait for the list on the caller's thread");
    }
}
