package labs.level03_message_passing.lab06_fan_out_fan_in;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import labs.support.Result;

/**
 * RxJava 3: {@code concatMapEager(branch -> work(branch).subscribeOn(scheduler), width, 1)} —
 * RxJava's name for Reactor's {@code flatMapSequential}: subscribe to all, emit in source order.
 *
 * <p>The reactive core is {@link #inBranchOrder} (fail fast) and {@link #everyOutcome} (delay
 * errors), RxJava's twins of {@link ReactorFanOut}'s; a branch's work is a {@code Maybe} (empty:
 * the callable returned null). {@link #gather} and {@link #gatherAll} are the blocking edge; the
 * virtual-time tests and the marble diagrams drive the core with {@code Maybe.timer} on a
 * {@code TestScheduler} passed to the constructor.
 *
 * <p><b>Scheduler:</b> the one given to the constructor; {@link Schedulers#io()} by default
 * (branches may block); pass {@code computation()} for CPU-bound branches (our BlockHound
 * integration rejects a blocking branch there).
 *
 * <p><b>Backpressure:</b> {@code maxConcurrency = width} (the edge: every branch) and
 * {@code prefetch = 1}: each branch may hold its one value until its turn comes. The source is
 * asked for one more branch only when the branch at the head of the order has been emitted.
 *
 * <p>In {@link #inBranchOrder} the first failure disposes the other branches, which interrupts a
 * running {@code subscribeOn} task on {@code io()}; the call returns without waiting for it.
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

    /** The core, fail fast: RxJava's twin of {@link ReactorFanOut#inBranchOrder}. */
    public <R> Flowable<R> inBranchOrder(Flowable<Branch<R>> branches, Function<Branch<R>, Maybe<R>> work, int width) {
        Objects.requireNonNull(work, "work");
        return branches.concatMapEager(branch -> onScheduler(branch, work)
                .onErrorResumeNext(e -> Maybe.error(e instanceof Exception ? new BranchFailedException(branch.index(), e) : e))
                .switchIfEmpty(Maybe.error(() -> BranchFailedException.returnedNull(branch.index())))
                .toFlowable(), width, 1);
    }

    /** The core, delay errors: RxJava's twin of {@link ReactorFanOut#everyOutcome}. */
    public <R> Flowable<Result<R>> everyOutcome(Flowable<Branch<R>> branches, Function<Branch<R>, Maybe<R>> work, int width) {
        Objects.requireNonNull(work, "work");
        return branches.concatMapEager(branch -> onScheduler(branch, work)
                .map(Result::success)
                .switchIfEmpty(Single.fromSupplier(() -> Result.failure(BranchFailedException.returnedNull(branch.index()))))
                .onErrorResumeNext(e -> e instanceof Exception ? Single.just(Result.failure(e)) : Single.error(e))
                .toFlowable(), width, 1);
    }

    /** The branch's work, subscribed on this scheduler ({@code defer}: RxJava's functions may throw). */
    private <R> Maybe<R> onScheduler(Branch<R> branch, Function<Branch<R>, Maybe<R>> work) {
        return Maybe.defer(() -> work.apply(branch)).subscribeOn(scheduler);
    }

    /**
     * A branch's work at the edge. Not {@code Maybe.fromCallable}: when a cancelled sibling's call
     * then fails (typically with the {@code InterruptedException} our cancellation caused),
     * {@code fromCallable} hands the error to {@code RxJavaPlugins.onError}, which prints an
     * {@code UndeliverableException} and passes it to the thread's uncaught-exception handler.
     * {@code tryOnError} drops it quietly when nobody is listening any more — the outcome of a
     * cancelled branch is nobody's business.
     */
    private static <R> Maybe<R> call(Branch<R> branch) {
        return Maybe.create(emitter -> {
            R value;
            try {
                value = branch.body().call();
            } catch (Exception e) {
                emitter.tryOnError(e);
                return;
            }
            if (value == null) {
                emitter.onComplete(); // the core reads an empty answer as "returned null"
            } else {
                emitter.onSuccess(value);
            }
        });
    }

    /** The blocking edge; {@code blockingGet} rethrows an {@link Error} as it is. */
    @Override
    public <R> List<R> gather(List<Callable<R>> branches) {
        List<Branch<R>> checked = Branch.of(branches);
        return inBranchOrder(Flowable.fromIterable(checked), RxJavaFanOut::call, checked.size()).toList().blockingGet();
    }

    @Override
    public <R> List<Result<R>> gatherAll(List<Callable<R>> branches) {
        List<Branch<R>> checked = Branch.of(branches);
        return everyOutcome(Flowable.fromIterable(checked), RxJavaFanOut::call, checked.size()).toList().blockingGet();
    }
}
