package labs.level05_cancellation_and_failure.lab13_supervisor;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.BiFunction;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.Objects;

/**
 * YOUR lab13 RxJava supervisor — the twin of {@link ReactorSupervisor}, with the same contract (its
 * class comment, and {@link Supervisor}). Write {@link #supervise(List, BiFunction)}; the rest is given.
 *
 * <p>RxJava has no {@code Retry} spec: {@code retryWhen(errors -> …)} is the whole policy — answer
 * each crash with a {@code Flowable.timer(backoff, …, scheduler)} (restart), an error (give up), or
 * complete. A worker's call that may be interrupted after nobody listens any more should go through
 * {@code Single.create} and {@code tryOnError}, or RxJava reports it as undeliverable.
 *
 * <p><b>Scheduler:</b> {@code scheduler} for starts, inputs and timers (a {@code TestScheduler} in the
 * tests). <b>Backpressure:</b> {@code Flowable}; one input at a time per child.
 */
public final class RxJavaSupervisor implements Supervisor {

    private final RestartPolicy policy;
    private final Strategy strategy;
    private final Scheduler scheduler;

    public RxJavaSupervisor(RestartPolicy policy, Strategy strategy) {
        this(policy, strategy, Schedulers.io());
    }

    public RxJavaSupervisor(RestartPolicy policy, Strategy strategy, Scheduler scheduler) {
        this.policy = Supervisor.checkPolicy(policy);
        this.strategy = Supervisor.checkStrategy(strategy);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    }

    @Override
    public String name() {
        return "rxjava";
    }

    @Override
    public RestartPolicy policy() {
        return policy;
    }

    @Override
    public Strategy strategy() {
        return strategy;
    }

    /** The reactive core: see the class comment for its contract. */
    public Flowable<Event> supervise(List<Child> children, BiFunction<Worker, String, Single<String>> work) {
        throw new UnsupportedOperationException("TODO(lab13): start each child as Flowable.defer(incarnation), restart it with "
                + "retryWhen and a Flowable.timer of the policy's backoff, give up with EscalationException when the intensity says so");
    }

    /** The core with each input handled by the worker's own call. (Given.) */
    public Flowable<Event> supervise(List<Child> children) {
        return supervise(children, (worker, input) -> Single.create(emitter -> {
            String output;
            try {
                output = Supervisor.handle(worker, input);
            } catch (Exception e) {
                emitter.tryOnError(e);
                return;
            }
            emitter.onSuccess(output);
        }));
    }

    /** The blocking edge. (Given.) */
    @Override
    public Report run(List<Child> children) {
        return new Report(supervise(children).toList().blockingGet());
    }
}
