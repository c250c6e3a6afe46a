package labs.level04_coordination.lab08_barrier;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subjects.CompletableSubject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * YOUR lab08 RxJava barrier: the twin of your {@code ReactorLockStep}. Write
 * {@link #phases(int, Step)}; the blocking edge is given. The same contract:
 * <ol>
 *   <li>phase by phase, every party's step subscribed on {@code partyScheduler}; the phase completes
 *       — emitting {@code new Phase<>(phase, values in party order)} — when the last has succeeded;</li>
 *   <li>lock-step: no step of phase k+1 is subscribed before phase k has completed;</li>
 *   <li>a failing step ends the stream with {@link PartyFailedException} (party, phase, cause); an
 *       {@code Error} passes as it is;</li>
 *   <li>a phase not complete {@code phaseTimeout} after it began (on {@code timer}) ends the stream
 *       with {@link PhaseTimeoutException} naming the missing parties;</li>
 *   <li>either way the other steps are disposed and no later phase begins.</li>
 * </ol>
 *
 * <p><b>Scheduler:</b> steps on {@code partyScheduler}, the timeout on {@code timer}.
 * <b>Backpressure:</b> which operator runs one phase at a time and honours the subscriber's demand?
 */
public final class RxJavaLockStep implements Barrier {

    /** What one party does in one phase, as a {@code Single} of its value. */
    @FunctionalInterface
    public interface Step<T> {
        Single<T> of(int party, int phase);
    }

    private final int parties;
    private final Duration phaseTimeout;
    private final Scheduler partyScheduler;
    private final Scheduler timer;
    private final RunGate gate = new RunGate("rxjava");

    public RxJavaLockStep(int parties, Duration phaseTimeout) {
        this(parties, phaseTimeout, Schedulers.io(), Schedulers.computation());
    }

    public RxJavaLockStep(int parties, Duration phaseTimeout, Scheduler partyScheduler, Scheduler timer) {
        this.parties = Barrier.checkParties(parties);
        this.phaseTimeout = Barrier.checkTimeout(phaseTimeout);
        this.partyScheduler = Objects.requireNonNull(partyScheduler, "partyScheduler must not be null");
        this.timer = Objects.requireNonNull(timer, "timer must not be null");
    }

    @Override
    public String name() {
        return "rxjava";
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public Duration phaseTimeout() {
        return phaseTimeout;
    }

    /** The reactive core: see the class comment. Check the arguments first (Barrier.checkPhases, checkWork). */
    public <T> Flowable<Phase<T>> phases(int phases, Step<T> step) {
        throw new UnsupportedOperationException("TODO(lab08): one phase at a time, Single.zip every party's step (subscribed on partyScheduler) "
                + "into a Phase, bounded by phaseTimeout on timer; a failing step or the timeout ends the stream");
    }

    /** The blocking edge. (Given.) */
    @Override
    public <T> List<Phase<T>> run(int phases, PartyWork<T> work) {
        Barrier.checkPhases(phases);
        Barrier.checkWork(work);
        gate.checkOpen();
        CompletableSubject closing = CompletableSubject.create();
        Runnable breaker = () -> closing.onError(new BarrierClosedException(name()));
        gate.begin(breaker);
        try {
            return phases(phases, (party, phase) -> call(work, party, phase))
                    .takeUntil(closing.toFlowable())
                    .toList()
                    .blockingGet();
        } finally {
            gate.end(breaker);
        }
    }

    /** A party's work as a Single; an exception after a disposal is dropped quietly. (Given.) */
    private static <T> Single<T> call(PartyWork<T> work, int party, int phase) {
        return Single.create(emitter -> {
            T value;
            try {
                value = work.work(party, phase);
            } catch (Exception e) {
                emitter.tryOnError(e);
                return;
            }
            if (value == null) {
                emitter.tryOnError(Barrier.noValue(party, phase));
            } else {
                emitter.onSuccess(value);
            }
        });
    }

    @Override
    public void close() {
        gate.close();
    }
}
