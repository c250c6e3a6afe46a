package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * YOUR lab13 Reactor supervisor (started by {@code labs practice lab13}; check it with
 * {@code labs check lab13}). The spec: {@code docs/labs/level05_cancellation_and_failure/lab13_supervisor/README.md}.
 *
 * <p>Write the reactive core, {@link #supervise(List, BiFunction)}. The blocking edge ({@link #run})
 * and the default work are given: they only call your core. What it must do (the contract, as in
 * {@link Supervisor}):
 * <ol>
 *   <li>each child with inputs starts: emit {@code Event.Started}, ask its {@link Child.Starter} for a
 *       worker, then hand it the child's remaining inputs one at a time ({@code work(worker, input)},
 *       subscribed on {@code scheduler}), emitting {@code Event.Handled} for each; complete when every
 *       child is done;</li>
 *   <li>a crash (an {@code Exception} on start or on an input, or an empty result) is emitted as
 *       {@code Event.Crashed} (plus {@code Event.MovedAside} when an input reaches
 *       {@code maxAttemptsPerInput}: the package's {@code Progress.crashed} keeps that rule), then
 *       the child is restarted — a NEW worker, from where the supervisor's progress says — after
 *       {@code policy.nextBackoff(k)}, k counting the crashes since the last handled input;</li>
 *   <li>one-for-one restarts the crashed child alone; one-for-all stops every running sibling and
 *       restarts every child with inputs left;</li>
 *   <li>a crash that {@link RestartIntensity#admit} answers {@code GIVE_UP} ends the stream with
 *       {@link EscalationException} (the events so far as its report), once; nothing runs or stays
 *       scheduled after it;</li>
 *   <li>an {@code Error} is not a crash: it ends the stream as it is, never restarted;</li>
 *   <li>event times ({@code at}) are {@code scheduler.now(MILLISECONDS)} minus the time of subscription.</li>
 * </ol>
 * Reach for {@code Flux.defer} (a restart starts fresh), {@code retryWhen(Retry.from(…))} with a
 * {@code Mono.delay(backoff, scheduler)}, and {@code merge}: where you put the retry, per child or
 * around the merge of all of them, is the strategy.
 *
 * <p><b>Scheduler:</b> {@code scheduler} for starts, inputs and backoffs — the tests give a virtual
 * one. <b>Backpressure:</b> one input at a time per child; honour downstream demand.
 */
public final class ReactorSupervisor implements Supervisor {

    private final RestartPolicy policy;
    private final Strategy strategy;
    private final Scheduler scheduler;

    public ReactorSupervisor(RestartPolicy policy, Strategy strategy) {
        this(policy, strategy, Schedulers.boundedElastic());
    }

    public ReactorSupervisor(RestartPolicy policy, Strategy strategy, Scheduler scheduler) {
        this.policy = Supervisor.checkPolicy(policy);
        this.strategy = Supervisor.checkStrategy(strategy);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    }

    @Override
    public String name() {
        return "reactor";
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
    public Flux<Event> supervise(List<Child> children, BiFunction<Worker, String, Mono<String>> work) {
        throw new UnsupportedOperationException("TODO(lab13): start each child as Flux.defer(incarnation), restart it with "
                + "retryWhen after the policy's backoff, give up with EscalationException when the intensity says so");
    }

    /** The core with each input handled by the worker's own call. (Given.) */
    public Flux<Event> supervise(List<Child> children) {
        return supervise(children, (worker, input) -> Mono.fromCallable(() -> Supervisor.handle(worker, input)));
    }

    /** The blocking edge. (Given.) */
    @Override
    public Report run(List<Child> children) {
        try {
            return new Report(supervise(children).collectList().block());
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof Error error) { // block() wraps an Error: hand it on as it is
                throw error;
            }
            throw e;
        }
    }
}
