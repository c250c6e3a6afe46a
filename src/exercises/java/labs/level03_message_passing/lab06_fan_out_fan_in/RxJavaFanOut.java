package labs.level03_message_passing.lab06_fan_out_fan_in;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import labs.support.Result;

/**
 * YOUR RxJava 3 fan-out / fan-in (lab06): the same contract as {@link ReactorFanOut}'s, in RxJava.
 * A branch's work is a {@code Maybe}: empty means its callable returned null.
 *
 * <p><b>Scheduler:</b> every branch's work must run on the scheduler given to the constructor
 * ({@link Schedulers#io()} by default: branches may block) — a test gives a {@code TestScheduler},
 * another gives {@code computation()} and expects BlockHound to catch a blocking branch there.
 *
 * <p><b>Backpressure:</b> at most {@code width} branches run at once (the blocking methods: every
 * branch); each may hold its one value until its turn; results go downstream in branch order, as
 * downstream asks for them.
 */
public final class RxJavaFanOut implements FanOutFanIn {

    private final Scheduler scheduler;

    public RxJavaFanOut() {
        this(Schedulers.io());
    }

    public RxJavaFanOut(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public String name() {
        return "rxjava";
    }

    /**
     * The core, fail fast: up to {@code width} branches' work at once on this class's scheduler,
     * values in branch order; the first {@link Exception} ends the stream as
     * {@code new BranchFailedException(branch.index(), it)} and disposes the branches still
     * running; an empty answer ends it with {@link BranchFailedException#returnedNull(int)}; an
     * {@link Error} ends it as it is.
     */
    public <R> Flowable<R> inBranchOrder(Flowable<Branch<R>> branches, Function<Branch<R>, Maybe<R>> work, int width) {
        throw new UnsupportedOperationException("TODO(lab06): subscribe to up to width branches' work at once on the scheduler, "
                + "emit their values in branch order, and fail fast with BranchFailedException naming the branch");
    }

    /**
     * The core, delay errors: every branch's {@link Result} in branch order — its value, the
     * exception its work failed with (as it was thrown), or {@link BranchFailedException#returnedNull(int)}
     * when empty. No branch is disposed because another failed; only an {@link Error} ends it early.
     */
    public <R> Flowable<Result<R>> everyOutcome(Flowable<Branch<R>> branches, Function<Branch<R>, Maybe<R>> work, int width) {
        throw new UnsupportedOperationException("TODO(lab06): like inBranchOrder, but turn each branch's failure into its Result "
                + "instead of an error, so no sibling is disposed");
    }

    /**
     * The blocking edge of {@link #inBranchOrder}: every branch at once, each one's work its
     * callable, one blocking wait on the caller's thread. Checks its input first ({@link Branch#of}).
     * A branch disposed by the fail-fast path whose callable then fails must send nothing to
     * {@code RxJavaPlugins.onError} (see {@code CancelledSiblingTest}).
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
