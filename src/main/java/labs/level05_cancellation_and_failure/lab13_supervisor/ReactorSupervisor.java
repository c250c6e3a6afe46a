package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Reactor: an incarnation is {@code Flux.defer(…)} — so every restart starts fresh — restarted by
 * {@code retryWhen(Retry.from(…))}, which waits out the backoff or gives up.
 *
 * <p>The two strategies are the same three operators put in a different order:
 * <ul>
 *   <li>one-for-one: {@code merge(each child -> defer(incarnation).retryWhen(restarts))} — a retry
 *       per child, so a crash resubscribes that child alone;</li>
 *   <li>one-for-all: {@code defer(merge(every child's incarnation)).retryWhen(restarts)} — one retry
 *       around the merge: a crash ends the merge, which cancels the siblings, and the retry starts
 *       them all again.</li>
 * </ul>
 *
 * <p>The reactive core is {@link #supervise(List, BiFunction)}: the children, and how a worker
 * handles an input as a {@code Mono} (the blocking {@link #run} passes the worker's own call; the
 * virtual-time tests and the marble diagrams give each input a duration on the virtual clock). It
 * emits what happens as {@link Event}s, completes when every child is done, and fails with
 * {@link EscalationException} when the intensity is exceeded — which cancels every child and every
 * pending backoff, so nothing keeps running.
 *
 * <p>Why {@code Retry.from} and not {@code Retry.backoff(…).maxBackoff(…).jitter(…).transientErrors(true)}:
 * {@code Retry.backoff}'s jitter draws from {@code ThreadLocalRandom} (restart times could not be
 * asserted or drawn), its limit counts attempts in a row rather than restarts within a window, and
 * its "in a row" resets on any {@code onNext} — here every incarnation emits {@code Started}, so
 * it would never back off past {@code minBackoff}. {@code RetryBackoffSpecComparedTest} shows all
 * three; the delays themselves are the same formula ({@link RestartPolicy}).
 *
 * <p><b>Scheduler:</b> the one given to the constructor; {@link Schedulers#boundedElastic()} by
 * default, because workers may block (start a connection, call out). Each worker's start and each
 * input are subscribed on it ({@code subscribeOn}), and the backoff waits on it ({@code Mono.delay}).
 * The supervisor's clock is its {@code now()}: a virtual-time scheduler makes an hour of restarts
 * take milliseconds.
 *
 * <p><b>Backpressure:</b> each child handles one input at a time ({@code concatMap}); {@code merge}
 * requests up to its prefetch (32) events per restart unit, so a subscriber that stops requesting
 * holds each child within 32 events. Downstream demand is honoured event by event.
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

    /**
     * The reactive core: supervises {@code children}, each input handled by {@code work(worker,
     * input)} subscribed on the scheduler. Nothing starts until it is subscribed to; each
     * subscription is a run of its own. Cancel it to stop every child.
     */
    public Flux<Event> supervise(List<Child> children, BiFunction<Worker, String, Mono<String>> work) {
        List<Child> checked = Supervisor.checkChildren(children);
        Objects.requireNonNull(work, "work must not be null");
        return Flux.defer(() -> new Run(checked, work).events());
    }

    /** The core with each input handled by the worker's own (blocking) call. */
    public Flux<Event> supervise(List<Child> children) {
        // fromCallable straight under the core's subscribeOn: a stopped sibling's late failure is then dropped quietly
        return supervise(children, (worker, input) -> Mono.fromCallable(() -> Supervisor.handle(worker, input)));
    }

    /** The blocking edge: blocks the calling thread — never call it on a non-blocking one. */
    @Override
    public Report run(List<Child> children) {
        try {
            return new Report(supervise(children).collectList().block());
        } catch (RuntimeException e) {
            // block() wraps an Error it cannot throw as it is: unwrap it, so a worker's Error reaches the caller unchanged.
            if (Exceptions.unwrap(e) instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** One subscription: its clock's origin, the children's progress, the intensity, what was delivered. */
    private final class Run {
        private final BiFunction<Worker, String, Mono<String>> work;
        private final List<Progress> children;
        private final RestartIntensity intensity = new RestartIntensity(policy);
        private final long origin = scheduler.now(TimeUnit.MILLISECONDS);
        /** Appended by the one serialized subscriber of the merged events; read when the escalation is built, after them. */
        private final List<Event> delivered = new ArrayList<>();

        Run(List<Child> children, BiFunction<Worker, String, Mono<String>> work) {
            this.children = Progress.of(children, policy);
            this.work = work;
        }

        Flux<Event> events() {
            Flux<Event> supervised = switch (strategy) {
                case ONE_FOR_ONE -> Flux.merge(children.stream().map(child -> restarting(List.of(child))).toList());
                case ONE_FOR_ALL -> restarting(children);
            };
            return supervised
                    .doOnNext(delivered::add)
                    .onErrorMap(Crash.GaveUp.class, gaveUp -> gaveUp.escalation(policy, new Report(delivered)));
        }

        private long now() {
            return scheduler.now(TimeUnit.MILLISECONDS) - origin;
        }

        /** A restart unit: its children start together, and a crash of any of them restarts them all. */
        private Flux<Event> restarting(List<Progress> unit) {
            AtomicInteger crashesInARow = new AtomicInteger();
            // Each incarnation is deferred as well: if the unit crashes while the merge is still subscribing its
            // children (a start that fails at once), the merge never subscribes the rest, and they are neither
            // numbered nor announced in this round — the next one starts them.
            return Flux.defer(() -> Flux.merge(unit.stream().filter(Progress::hasWork).map(child -> Flux.defer(() -> incarnation(child)).materialize()).toList()))
                    // Each child's end travels as a value, so the first crash ends the unit (the merge cancels the
                    // siblings) and a sibling crashing a moment later is a value nobody reads — never an error the
                    // merge would have to drop (Hooks.onErrorDropped). A child that finished is not the unit's end.
                    .filter(signal -> !signal.isOnComplete())
                    .<Event>dematerialize()
                    .doOnNext(event -> {
                        // Here, after the merge, and not in the sibling's own chain: a sibling's output that
                        // loses the race with a crash is never delivered, so it must not count as handled.
                        if (event instanceof Event.Handled handled) {
                            unit.stream().filter(p -> p.name().equals(handled.child())).findFirst().orElseThrow().handled(handled.input());
                            crashesInARow.set(0); // a success: the next crash backs off from minBackoff again
                        }
                    })
                    .onErrorResume(Crash.class, crash -> {
                        List<Event> seen = crash.child.crashed(crash.incarnation, crash.input, crash.cause(), now());
                        boolean workLeft = unit.stream().anyMatch(Progress::hasWork);
                        // Nothing left to restart (the poison was the last input): the unit is done.
                        return workLeft ? Flux.fromIterable(seen).concatWith(Flux.error(crash)) : Flux.fromIterable(seen);
                    })
                    .retryWhen(Retry.from(crashes -> crashes.<Duration>handle((signal, sink) -> {
                        if (!(signal.failure() instanceof Crash crash)) {
                            sink.error(signal.failure()); // an Error (or a broken work function) is not a crash: never restarted
                            return;
                        }
                        switch (intensity.admit(now())) {
                            case RESTART -> sink.next(policy.nextBackoff(crashesInARow.getAndIncrement()));
                            case GIVE_UP -> sink.error(new Crash.GaveUp(crash));
                            case GAVE_UP_ALREADY -> sink.complete(); // another unit gave up: its escalation ends everything
                        }
                    }).concatMap(backoff -> Mono.delay(backoff, scheduler))));
        }

        /** One incarnation of {@code child}: a fresh worker, then the inputs still to do, one at a time. */
        private Flux<Event> incarnation(Progress child) {
            int number = child.startIncarnation();
            List<String> inputs = child.remaining();
            Event started = new Event.Started(child.name(), number, now());
            Mono<Worker> worker = Mono.fromCallable(() -> Supervisor.start(child.child()))
                    .subscribeOn(scheduler)
                    .onErrorMap(Exception.class, e -> new Crash(child, number, Optional.empty(), e));
            return Flux.concat(Mono.just(started), worker.flatMapMany(w -> Flux.fromIterable(inputs)
                    .concatMap(input -> work.apply(w, input)
                            .subscribeOn(scheduler)
                            .switchIfEmpty(Mono.error(() -> new NullPointerException("the worker returned null for '" + input + "'")))
                            .<Event>map(output -> new Event.Handled(child.name(), number, input, output, now()))
                            .onErrorMap(Exception.class, e -> new Crash(child, number, Optional.of(input), e)))));
        }
    }
}
