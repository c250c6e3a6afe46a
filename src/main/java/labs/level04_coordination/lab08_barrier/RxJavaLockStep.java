package labs.level04_coordination.lab08_barrier;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subjects.CompletableSubject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

/**
 * RxJava 3: the same lock-step as {@link ReactorLockStep} —
 * {@code concatMapSingle(phase -> Single.zip(parties' step(party, phase).subscribeOn(partyScheduler), …).timeout(phaseTimeout, timer))}.
 *
 * <p>The reactive core is {@link #phases(int, Step)}; {@link #run} is its thin blocking edge. The
 * virtual-time tests and the marble diagrams drive the core with {@code Single.timer} steps on a
 * {@code TestScheduler} given as both schedulers.
 *
 * <p>Why not {@code Flowable.zip} of one stream per party: {@code concatMapSingle} subscribes a
 * party's next step as soon as the previous one has emitted, so each party would be a phase ahead
 * of the barrier however small the zip's buffer; a phase-by-phase {@code Single.zip} holds every
 * party until the phase is complete.
 *
 * <p><b>Scheduler:</b> steps are subscribed on {@code partyScheduler} ({@link Schedulers#io()} by
 * default: party work may block); the timeout runs on {@code timer} ({@link Schedulers#computation()}
 * by default), apart from the parties. Each phase is emitted on the thread of its last party to arrive.
 *
 * <p><b>Backpressure:</b> {@code Flowable} honours downstream demand; one phase (one value per
 * party) is the only buffer. {@code concatMapSingle} subscribes the next phase once the previous
 * one has been emitted, or held for demand: at most one phase is computed ahead of what was asked.
 *
 * <p>A failing step ends the stream with {@link PartyFailedException}, a phase timeout with
 * {@link PhaseTimeoutException}; {@code Single.zip} disposes the other parties' steps (a step
 * running on a thread is interrupted). RxJava has no empty {@code Single}: a step that ends without
 * a value is already an error.
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

    /** The blocking edge's defaults: parties on {@code io()}, the timeout on {@code computation()}. */
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

    /** The reactive core, RxJava's twin of {@link ReactorLockStep#phases(int, ReactorLockStep.Step)}. */
    public <T> Flowable<Phase<T>> phases(int phases, Step<T> step) {
        Barrier.checkPhases(phases);
        Barrier.checkWork(step);
        return Flowable.defer(() -> {
            AtomicIntegerArray arrivals = new AtomicIntegerArray(parties);
            return Flowable.range(0, phases).concatMapSingle(phase -> phase(phase, step, arrivals));
        });
    }

    private <T> Single<Phase<T>> phase(int phase, Step<T> step, AtomicIntegerArray arrivals) {
        List<Single<T>> arrivalsOfThisPhase = IntStream.range(0, parties).mapToObj(party -> Single.defer(() -> step.of(party, phase))
                .subscribeOn(partyScheduler)
                // A step's exception is its party's failure; an Error is not, and passes as it is.
                .onErrorResumeNext(e -> Single.error(e instanceof Exception ? new PartyFailedException(party, phase, e) : e))
                .doOnSuccess(value -> arrivals.set(party, phase + 1))).toList();
        return Single.zip(arrivalsOfThisPhase, values -> RxJavaLockStep.<T>phaseOf(phase, values))
                .timeout(phaseTimeout.toNanos(), TimeUnit.NANOSECONDS, timer)
                .onErrorResumeNext(e -> Single.error(e instanceof TimeoutException
                        ? new PhaseTimeoutException(phase, Barrier.missing(arrivals, phase, p -> true), phaseTimeout) : e));
    }

    @SuppressWarnings("unchecked")
    private static <T> Phase<T> phaseOf(int phase, Object[] values) {
        return new Phase<>(phase, (List<T>) List.of(values));
    }

    /** The blocking edge. */
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
                    .takeUntil(closing.toFlowable()) // close() during the run: its error ends the run, disposing the parties
                    .toList()
                    .blockingGet();
        } finally {
            gate.end(breaker);
        }
    }

    /**
     * Not {@code Single.fromCallable}: once the zip has disposed a party (another failed, or the
     * phase timed out), the party's call usually ends with the {@code InterruptedException} the
     * disposal caused, and {@code fromCallable} would hand it to {@code RxJavaPlugins.onError}
     * (printed as undeliverable). {@code tryOnError} drops it: nobody is listening any more.
     */
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
