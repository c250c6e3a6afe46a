package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * BROKEN on purpose: the tempting one-liner, {@code Flux.defer(incarnation).retry(maxRestarts)}.
 * It restarts a crashed child at once — no backoff — and gives up after {@code maxRestarts} crashes
 * in all, however far apart. Each child (one-for-one) keeps its position across restarts, so on a
 * good day its outputs are right.
 *
 * <p>On a bad day — a dependency down for two seconds, every start failing — it restarts as fast as
 * the machine can start a worker: a restart storm that hammers the dependency and spends the whole
 * restart budget in the first milliseconds of the outage, then gives up, where a backoff would have
 * waited it out. {@code NoBackoffSupervisorTest} runs it through the very scenario that
 * {@code ReactorSupervisorInVirtualTimeTest.aTwoSecondOutageIsRiddenOutWithBackoff} passes.
 *
 * <p>It cannot keep {@link Supervisor}'s clause 3 (backoff) nor 6 (an intensity within a window),
 * so it does not claim to: it offers only the reactive core, with the same events as
 * {@link ReactorSupervisor}'s (no poison handling, no strategies). The fix is
 * {@link ReactorSupervisor}'s {@code retryWhen}.
 *
 * <p><b>Scheduler:</b> the one given; starts and inputs are subscribed on it, and its clock stamps
 * the events. <b>Backpressure:</b> as {@link ReactorSupervisor}.
 */
public final class NoBackoffSupervisor {

    private final int maxRestarts;
    private final Scheduler scheduler;

    public NoBackoffSupervisor(int maxRestarts, Scheduler scheduler) {
        if (maxRestarts < 1) {
            throw new IllegalArgumentException("maxRestarts must be >= 1 (got " + maxRestarts + ")");
        }
        this.maxRestarts = maxRestarts;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    }

    /** Supervises {@code children} one-for-one; gives up with the last crash's exception after {@code maxRestarts} restarts of a child. */
    public Flux<Event> supervise(List<Child> children, BiFunction<Worker, String, Mono<String>> work) {
        List<Child> checked = Supervisor.checkChildren(children);
        return Flux.defer(() -> {
            long origin = scheduler.now(TimeUnit.MILLISECONDS);
            return Flux.merge(checked.stream().map(child -> supervised(child, work, origin)).toList());
        });
    }

    private Flux<Event> supervised(Child child, BiFunction<Worker, String, Mono<String>> work, long origin) {
        AtomicInteger position = new AtomicInteger();
        AtomicInteger incarnations = new AtomicInteger();
        return Flux.defer(() -> {
            int number = incarnations.incrementAndGet();
            List<String> inputs = child.inputs().subList(position.get(), child.inputs().size());
            Flux<Event> handling = Mono.fromCallable(() -> Supervisor.start(child)).subscribeOn(scheduler)
                    .flatMapMany(worker -> Flux.fromIterable(inputs).concatMap(input -> work.apply(worker, input).subscribeOn(scheduler)
                            .<Event>map(output -> new Event.Handled(child.name(), number, input, output, scheduler.now(TimeUnit.MILLISECONDS) - origin))
                            .doOnNext(handled -> position.incrementAndGet())));
            return Flux.concat(Mono.just(new Event.Started(child.name(), number, scheduler.now(TimeUnit.MILLISECONDS) - origin)), handling)
                    .onErrorResume(Exception.class, e -> Flux.<Event>just(new Event.Crashed(child.name(), number, Optional.empty(), e,
                            scheduler.now(TimeUnit.MILLISECONDS) - origin)).concatWith(Flux.error(e)));
        }).retry(maxRestarts); // the bug: at once, and a budget for the child's whole life rather than a window
    }
}
