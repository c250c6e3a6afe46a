package labs.level04_coordination.lab08_barrier;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: lock-step without a thread waiting anywhere. Each phase is a {@code Mono.zip} of the
 * parties' work for that phase — the zip IS the barrier: it emits the phase when its last party
 * arrives — bounded by {@code timeout(phaseTimeout)}; {@code concatMap} starts the next phase only
 * once the previous one has completed, which is what lock-step means.
 *
 * <pre>{@code
 * Flux.range(0, phases).concatMap(phase ->
 *         Mono.zip(parties' step(party, phase).subscribeOn(partyScheduler), values -> new Phase(phase, values))
 *             .timeout(phaseTimeout, timer))
 * }</pre>
 *
 * <p>The reactive core is {@link #phases(int, Step)}: it takes each party's step as a {@code Mono}
 * and returns the completed phases. The blocking {@link #run} is a thin edge over it (each step a
 * {@code Mono} of the party's work, then one {@code block()}); the virtual-time tests
 * and the marble diagrams give the same core timed steps ({@code Mono.delay}) and a virtual-time
 * scheduler for both parameters.
 *
 * <p>Why not {@code Flux.zip} of one stream per party: a zip asks each source for {@code prefetch}
 * values ahead, so a fast party's stream runs phases ahead of the slow ones — a zip pairs values, it
 * does not hold producers back. Why not {@code Mono.when}: it is the same barrier without the values.
 *
 * <p><b>Scheduler:</b> two, both given to the constructor. Each party's step is subscribed on
 * {@code partyScheduler} ({@link Schedulers#boundedElastic()} by default: a party's work is the
 * caller's code and may block, and a party that never arrives is usually one that is blocked). The
 * phase timeout runs on {@code timer} ({@link Schedulers#parallel()} by default), never on the
 * parties' scheduler: a timer queued behind the very party that hangs could not fire. The zip emits
 * each phase on the thread of its last party to arrive.
 *
 * <p><b>Backpressure:</b> one phase at a time is the only buffer: a phase holds one value per
 * party, and the next phase's work is subscribed when the previous phase has been emitted. A slow
 * downstream subscriber therefore slows the phases down after at most one phase.
 *
 * <p>A failing or empty step ends the stream with {@link PartyFailedException}; a phase timeout with
 * {@link PhaseTimeoutException}; either way {@code Mono.zip} cancels the other parties' steps (a
 * step running on a thread is interrupted). An {@code Error} passes as it is.
 */
public final class ReactorLockStep implements Barrier {

    /** What one party does in one phase, as a publisher of its value. */
    @FunctionalInterface
    public interface Step<T> {
        Mono<T> of(int party, int phase);
    }

    private final int parties;
    private final Duration phaseTimeout;
    private final Scheduler partyScheduler;
    private final Scheduler timer;
    private final RunGate gate = new RunGate("reactor");

    /** The blocking edge's defaults: parties on {@code boundedElastic()}, the timeout on {@code parallel()}. */
    public ReactorLockStep(int parties, Duration phaseTimeout) {
        this(parties, phaseTimeout, Schedulers.boundedElastic(), Schedulers.parallel());
    }

    public ReactorLockStep(int parties, Duration phaseTimeout, Scheduler partyScheduler, Scheduler timer) {
        this.parties = Barrier.checkParties(parties);
        this.phaseTimeout = Barrier.checkTimeout(phaseTimeout);
        this.partyScheduler = Objects.requireNonNull(partyScheduler, "partyScheduler must not be null");
        this.timer = Objects.requireNonNull(timer, "timer must not be null");
    }

    @Override
    public String name() {
        return "reactor";
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public Duration phaseTimeout() {
        return phaseTimeout;
    }

    /**
     * The reactive core: {@code phases} phases in lock-step, each completing when every party's
     * step has emitted its value, emitted as a {@link Phase}. Subscribe to start; cancel to stop
     * (the running steps are cancelled).
     */
    public <T> Flux<Phase<T>> phases(int phases, Step<T> step) {
        Barrier.checkPhases(phases);
        Barrier.checkWork(step);
        return Flux.defer(() -> {
            AtomicIntegerArray arrivals = new AtomicIntegerArray(parties); // per subscription: phases each party has arrived at
            return Flux.range(0, phases).concatMap(phase -> phase(phase, step, arrivals));
        });
    }

    private <T> Mono<Phase<T>> phase(int phase, Step<T> step, AtomicIntegerArray arrivals) {
        List<Mono<T>> arrivalsOfThisPhase = IntStream.range(0, parties).mapToObj(party -> Mono.defer(() -> step.of(party, phase))
                .subscribeOn(partyScheduler)
                // An empty step would make Mono.zip complete empty, and concatMap would move on as
                // if the phase had never been: a party cannot leave a zip, so it is a failure.
                .switchIfEmpty(Mono.error(() -> Barrier.noValue(party, phase)))
                // A step's exception is its party's failure; an Error is not, and passes as it is.
                .onErrorMap(Exception.class::isInstance, e -> new PartyFailedException(party, phase, e))
                .doOnNext(value -> arrivals.set(party, phase + 1))).toList();
        return Mono.zip(arrivalsOfThisPhase, values -> ReactorLockStep.<T>phaseOf(phase, values))
                .timeout(phaseTimeout, timer)
                .onErrorMap(TimeoutException.class::isInstance,
                        e -> new PhaseTimeoutException(phase, Barrier.missing(arrivals, phase, p -> true), phaseTimeout));
    }

    @SuppressWarnings("unchecked")
    private static <T> Phase<T> phaseOf(int phase, Object[] values) {
        return new Phase<>(phase, (List<T>) List.of(values));
    }

    /** The blocking edge: blocks the calling thread — never call it on a non-blocking one. */
    @Override
    public <T> List<Phase<T>> run(int phases, PartyWork<T> work) {
        Barrier.checkPhases(phases);
        Barrier.checkWork(work);
        gate.checkOpen();
        // close() during the run: takeUntilOther cancels the phases (and so the parties) when
        // closing emits, and the run ends short. (An error from the other publisher would not
        // cancel them: takeUntilOther only passes it on.)
        Sinks.One<Boolean> closing = Sinks.one();
        Runnable breaker = () -> closing.tryEmitValue(true);
        gate.begin(breaker);
        try {
            List<Phase<T>> done = phases(phases, (party, phase) -> call(work, party, phase))
                    .takeUntilOther(closing.asMono())
                    .collectList()
                    .block();
            if (done.size() < phases) {
                throw new BarrierClosedException(name());
            }
            return done;
        } catch (RuntimeException e) {
            // block() wraps an Error it cannot throw as is: hand it on unchanged, as the threads do.
            if (Exceptions.unwrap(e) instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            gate.end(breaker);
        }
    }

    /**
     * Not {@code Mono.fromCallable}: once the zip has cancelled a party (another failed, or the
     * phase timed out), the party's call usually ends with the {@code InterruptedException} the
     * cancellation caused, and {@code fromCallable} would hand it to {@code onErrorDropped} (logged
     * as an error). Here it is dropped quietly: nobody is listening any more. A {@code null} is no
     * value: the sink completes empty, which the core reports as the party's failure.
     */
    private static <T> Mono<T> call(PartyWork<T> work, int party, int phase) {
        return Mono.create(sink -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            sink.onCancel(() -> cancelled.set(true));
            T value;
            try {
                value = work.work(party, phase);
            } catch (Exception e) {
                if (!cancelled.get()) {
                    sink.error(e);
                }
                return;
            }
            sink.success(value);
        });
    }

    @Override
    public void close() {
        gate.close();
    }
}
