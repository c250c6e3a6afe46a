package labs.level04_coordination.lab08_barrier;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * YOUR lab08 Reactor barrier (started by {@code labs practice lab08}; check it with
 * {@code labs check lab08}). The spec: {@code docs/labs/level04_coordination/lab08_barrier/README.md}.
 *
 * <p>Write the reactive core, {@link #phases(int, Step)}. The blocking edge ({@link #run}) is given:
 * it only calls your core. The contract your core must meet:
 * <ol>
 *   <li>phase by phase, every party's step for that phase is subscribed, on {@code partyScheduler},
 *       and the phase completes — emitting {@code new Phase<>(phase, values in party order)} — when
 *       the last of them has emitted;</li>
 *   <li>lock-step: no step of phase k+1 is subscribed before phase k has completed;</li>
 *   <li>a step that fails ends the stream with {@link PartyFailedException} naming the party and
 *       the phase (the cause is the step's exception); a step that completes empty fails the same
 *       way, with {@code Barrier.noValue(party, phase)} as cause; an {@code Error} passes as it is;</li>
 *   <li>a phase whose parties have not all arrived {@code phaseTimeout} after it began (counted on
 *       {@code timer}) ends the stream with {@link PhaseTimeoutException} naming the missing
 *       parties ({@code Barrier.missing} helps);</li>
 *   <li>either way the other steps are cancelled and no later phase begins.</li>
 * </ol>
 *
 * <p><b>Scheduler:</b> steps on {@code partyScheduler}, the timeout on {@code timer} — the tests give
 * virtual-time ones. <b>Backpressure:</b> one phase at a time: what bounds the values in flight?
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

    /** The reactive core: see the class comment for its contract. Check the arguments first (Barrier.checkPhases, checkWork). */
    public <T> Flux<Phase<T>> phases(int phases, Step<T> step) {
        throw new UnsupportedOperationException("TODO(lab08): one phase at a time, zip every party's step (subscribed on partyScheduler) "
                + "into a Phase, bounded by phaseTimeout on timer; a failing or empty step, or the timeout, ends the stream");
    }

    /** The blocking edge. (Given.) */
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
            if (Exceptions.unwrap(e) instanceof Error error) { // block() wraps an Error: hand it on as it is
                throw error;
            }
            throw e;
        } finally {
            gate.end(breaker);
        }
    }

    /** A party's work as a Mono; an exception after a cancellation is dropped quietly. (Given.) */
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
