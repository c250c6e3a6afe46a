package labs.level03_message_passing.lab06_fan_out_fan_in;

import io.reactivex.rxjava3.core.BackpressureStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.reactivestreams.Publisher;

/**
 * RxJava 3: {@code concatMapEager(branch -> Flowable.fromCallable(branch).subscribeOn(scheduler), n, 1)}
 * — RxJava's name for Reactor's {@code flatMapSequential}: subscribe to all, emit in source order.
 *
 * <p><b>Scheduler:</b> {@link Schedulers#io()} by default (branches may block); pass
 * {@code computation()} for CPU-bound branches.
 *
 * <p><b>Backpressure:</b> {@code maxConcurrency} = the branch count and {@code prefetch} = 1: every
 * branch runs at once and each may hold one value until its turn comes. On the first error the
 * other inners are disposed, which interrupts a running {@code subscribeOn} task on {@code io()}.
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

    /** RxJava's twin of {@link ReactorFanOut#inBranchOrder}. */
    public static <T, R> Flowable<R> inBranchOrder(Flowable<T> branches, Function<T, Publisher<R>> run, int width) {
        return branches.concatMapEager(run, width, 1);
    }

    @Override
    public <R> List<R> gather(List<Callable<R>> branches) {
        List<Indexed<R>> checked = Indexed.of(FanOutFanIn.checkBranches(branches));
        return inBranchOrder(Flowable.fromIterable(checked), branch -> run(branch).subscribeOn(scheduler), checked.size())
                .toList()
                .blockingGet();
    }

    /**
     * Not {@code Flowable.fromCallable}: when a cancelled sibling's call then fails (typically with
     * the {@code InterruptedException} our cancellation caused), {@code fromCallable} hands the
     * error to {@code RxJavaPlugins.onError}, which prints an {@code UndeliverableException} and
     * passes it to the thread's uncaught-exception handler. {@code tryOnError} drops it quietly
     * when nobody is listening any more — the outcome of a cancelled branch is nobody's business.
     */
    private static <R> Flowable<R> run(Indexed<R> branch) {
        return Flowable.create(emitter -> {
            R value;
            try {
                value = branch.call();
            } catch (Exception | Error e) {
                emitter.tryOnError(new BranchFailedException(branch.index(), e));
                return;
            }
            if (value == null) { // onNext(null) would be a bare NullPointerException
                emitter.tryOnError(BranchFailedException.returnedNull(branch.index()));
                return;
            }
            emitter.onNext(value);
            emitter.onComplete();
        }, BackpressureStrategy.BUFFER);
    }

    @Override
    public <R> List<BranchOutcome<R>> gatherAll(List<Callable<R>> branches) {
        List<Indexed<R>> checked = Indexed.of(FanOutFanIn.checkBranches(branches));
        return inBranchOrder(Flowable.fromIterable(checked), branch -> Flowable.fromCallable(() -> BranchOutcome.of(branch.index(), branch.body()))
                        .subscribeOn(scheduler), checked.size())
                .toList()
                .blockingGet();
    }
}
