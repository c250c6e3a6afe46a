package labs.level05_cancellation_and_failure.lab13_supervisor;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.BiFunction;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RxJava 3: the same shape as {@link ReactorSupervisor} — {@code Flowable.defer(incarnation)} so
 * every restart starts fresh, {@code retryWhen(errors -> …)} answering each crash with a
 * {@code Flowable.timer} (the backoff) or an error (give up), and the strategies as the order of
 * {@code merge} and {@code retryWhen}. RxJava has no {@code Retry} spec: the handler is the whole
 * policy, written out.
 *
 * <p>The reactive core is {@link #supervise(List, BiFunction)}; {@link #run} is the blocking edge.
 *
 * <p>Why {@code Single.create} with {@code tryOnError} for a worker's start and call, and not
 * {@code Single.fromCallable}: a sibling stopped by one-for-all (or by giving up) is interrupted;
 * if its call then throws, {@code fromCallable} — whose subscriber is gone — hands the error to
 * {@code RxJavaPlugins.onError}, which prints it and throws it at the thread (lab06 found this).
 * {@code tryOnError} drops it quietly when nobody listens.
 *
 * <p><b>Scheduler:</b> the one given to the constructor; {@link Schedulers#io()} by default
 * (workers may block). Starts and inputs are subscribed on it, the backoff is a
 * {@code Flowable.timer} on it, and its {@code now()} is the supervisor's clock — a
 * {@code TestScheduler} makes it virtual.
 *
 * <p><b>Backpressure:</b> {@code Flowable} throughout: one input at a time per child
 * ({@code concatMapSingle}), {@code merge} buffering at most its prefetch (128) events per unit for
 * a slow subscriber; downstream demand is honoured.
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

    /** The reactive core, RxJava's twin of {@link ReactorSupervisor#supervise(List, java.util.function.BiFunction)}. */
    public Flowable<Event> supervise(List<Child> children, BiFunction<Worker, String, Single<String>> work) {
        List<Child> checked = Supervisor.checkChildren(children);
        Objects.requireNonNull(work, "work must not be null");
        return Flowable.defer(() -> new Run(checked, work).events());
    }

    /** The core with each input handled by the worker's own (blocking) call. */
    public Flowable<Event> supervise(List<Child> children) {
        return supervise(children, (worker, input) -> quietly(() -> Supervisor.handle(worker, input)));
    }

    /** The blocking edge: an {@link EscalationException} or an {@code Error} comes out of {@code blockingGet} as it is. */
    @Override
    public Report run(List<Child> children) {
        return new Report(supervise(children).toList().blockingGet());
    }

    /** A call as a {@code Single} whose late failure, once nobody listens, goes nowhere (see the class comment). */
    private static <T> Single<T> quietly(java.util.concurrent.Callable<T> call) {
        return Single.create(emitter -> {
            T value;
            try {
                value = call.call();
            } catch (Exception e) {
                emitter.tryOnError(e);
                return;
            }
            emitter.onSuccess(value);
        });
    }

    /** What the retry handler does with one crash: wait, give up, or stop quietly. */
    private record Next(Duration backoff, Throwable giveUp, boolean stop) {
    }

    /** One subscription: its clock's origin, the children's progress, the intensity, what was delivered. */
    private final class Run {
        private final BiFunction<Worker, String, Single<String>> work;
        private final List<Progress> children;
        private final RestartIntensity intensity = new RestartIntensity(policy);
        private final long origin = scheduler.now(TimeUnit.MILLISECONDS);
        /** Appended by the one serialized subscriber of the merged events; read when the escalation is built, after them. */
        private final List<Event> delivered = new ArrayList<>();

        Run(List<Child> children, BiFunction<Worker, String, Single<String>> work) {
            this.children = Progress.of(children, policy);
            this.work = work;
        }

        Flowable<Event> events() {
            Flowable<Event> supervised = switch (strategy) {
                case ONE_FOR_ONE -> Flowable.merge(children.stream().map(child -> restarting(List.of(child))).toList());
                case ONE_FOR_ALL -> restarting(children);
            };
            return supervised
                    .doOnNext(delivered::add)
                    .onErrorResumeNext(e -> Flowable.error(e instanceof Crash.GaveUp gaveUp ? gaveUp.escalation(policy, new Report(delivered)) : e));
        }

        private long now() {
            return scheduler.now(TimeUnit.MILLISECONDS) - origin;
        }

        /** A restart unit: its children start together, and a crash of any of them restarts them all. */
        private Flowable<Event> restarting(List<Progress> unit) {
            AtomicInteger crashesInARow = new AtomicInteger();
            // Each incarnation is deferred as well: if the unit crashes while the merge is still subscribing its
            // children (a start that fails at once), the merge never subscribes the rest, and they are neither
            // numbered nor announced in this round — the next one starts them.
            return Flowable.defer(() -> Flowable.merge(unit.stream().filter(Progress::hasWork).map(child -> Flowable.defer(() -> incarnation(child)).materialize()).toList()))
                    // each child's end as a value: the first crash ends the unit, a sibling's later crash is never undeliverable
                    .filter(notification -> !notification.isOnComplete())
                    .dematerialize(notification -> notification)
                    .doOnNext(event -> {
                        // after the merge: a sibling's output that loses the race with a crash is never delivered, nor counted
                        if (event instanceof Event.Handled handled) {
                            unit.stream().filter(p -> p.name().equals(handled.child())).findFirst().orElseThrow().handled(handled.input());
                            crashesInARow.set(0);
                        }
                    })
                    .onErrorResumeNext(e -> {
                        if (!(e instanceof Crash crash)) {
                            return Flowable.error(e);
                        }
                        List<Event> seen = crash.child.crashed(crash.incarnation, crash.input, crash.cause(), now());
                        boolean workLeft = unit.stream().anyMatch(Progress::hasWork);
                        return workLeft ? Flowable.fromIterable(seen).concatWith(Flowable.error(crash)) : Flowable.fromIterable(seen);
                    })
                    .retryWhen(crashes -> crashes
                            .map(failure -> decide(failure, crashesInARow))
                            .takeWhile(next -> !next.stop()) // another unit gave up: complete quietly, its escalation ends everything
                            .concatMap(next -> next.giveUp() != null
                                    ? Flowable.error(next.giveUp())
                                    : Flowable.timer(next.backoff().toNanos(), TimeUnit.NANOSECONDS, scheduler)));
        }

        private Next decide(Throwable failure, AtomicInteger crashesInARow) {
            if (!(failure instanceof Crash crash)) {
                return new Next(null, failure, false); // an Error is not a crash: never restarted
            }
            return switch (intensity.admit(now())) {
                case RESTART -> new Next(policy.nextBackoff(crashesInARow.getAndIncrement()), null, false);
                case GIVE_UP -> new Next(null, new Crash.GaveUp(crash), false);
                case GAVE_UP_ALREADY -> new Next(null, null, true);
            };
        }

        /** One incarnation of {@code child}: a fresh worker, then the inputs still to do, one at a time. */
        private Flowable<Event> incarnation(Progress child) {
            int number = child.startIncarnation();
            List<String> inputs = child.remaining();
            Event started = new Event.Started(child.name(), number, now());
            Single<Worker> worker = quietly(() -> Supervisor.start(child.child()))
                    .subscribeOn(scheduler)
                    .onErrorResumeNext(e -> Single.error(crash(e, child, number, Optional.empty())));
            return Flowable.concat(Flowable.just(started), worker.flatMapPublisher(w -> Flowable.fromIterable(inputs)
                    .concatMapSingle(input -> work.apply(w, input)
                            .subscribeOn(scheduler)
                            .<Event>map(output -> new Event.Handled(child.name(), number, input, output, now()))
                            .onErrorResumeNext(e -> Single.error(crash(e, child, number, Optional.of(input)))))));
        }

        private static Throwable crash(Throwable e, Progress child, int number, Optional<String> input) {
            return e instanceof Exception exception ? new Crash(child, number, input, exception) : e;
        }
    }
}
