package labs.level04_coordination.lab08_barrier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The lab08 contract: N parties meet at a barrier at the end of every phase, for several phases.
 * Met by every implementation in {@link #IMPLEMENTATIONS} and checked by one contract test; the
 * lab's README.md is the spec.
 *
 * <ol>
 *   <li><b>Exactly once, in lock-step.</b> Every party does its work for every phase exactly once,
 *       and no party starts phase k+1 before every party has finished phase k.</li>
 *   <li><b>Phases in order.</b> {@link #run} returns one {@link Phase} per phase, in order, each
 *       with every party's value in party order. A phase lasts as long as its slowest party.</li>
 *   <li><b>Together.</b> The parties of a phase work at the same time, not one after another.</li>
 *   <li><b>A failing party breaks the phase.</b> If a party's work throws (or returns
 *       {@code null}: no value), {@code run} throws {@link PartyFailedException} naming the party and
 *       the phase, with the party's exception as cause; every other party is released (none waits
 *       for ever) and no later phase starts.</li>
 *   <li><b>A party that never arrives breaks the phase in time.</b> When a party has not arrived
 *       {@code phaseTimeout} after the phase could have completed without it (the imperative
 *       barriers count from each party's arrival, the reactive ones from the phase's start),
 *       {@code run} throws {@link PhaseTimeoutException} naming the phase and the missing parties;
 *       every party is released, the missing one interrupted or cancelled.</li>
 *   <li><b>An {@link Error}</b> thrown by a party is not a party failure: it is rethrown as it is,
 *       once the parties have been released.</li>
 *   <li><b>Clean end.</b> When {@code run} returns or throws, no thread it started is still
 *       running (the leak check verifies it after every test).</li>
 *   <li><b>Lifecycle.</b> One run at a time ({@code IllegalStateException} for a second one at
 *       once); {@link #close} ends a run in progress ({@link BarrierClosedException}, every party
 *       released) and refuses every later one.</li>
 *   <li><b>Bad input fails first</b>, in one line, before any party starts: parties or phases below
 *       1, a phase timeout that is not positive, null work, a run after {@code close}.</li>
 * </ol>
 */
public interface Barrier extends AutoCloseable {

    /** How a barrier is made: the registry's factory type. Opening one starts no thread. */
    @FunctionalInterface
    interface Opener {
        Barrier open(int parties, Duration phaseTimeout);
    }

    /**
     * Every implementation, by the name {@code --impl} takes; the contract test runs each of them
     * ({@code IMPLEMENTATIONS.create("reactor").open(4, Duration.ofSeconds(1))}).
     */
    Implementations<Opener> IMPLEMENTATIONS = Implementations.of("lab08",
            new Implementation<>("cyclic-platform", "a CyclicBarrier(parties, barrier action), await(timeout), one platform thread per party", CyclicBarrierParties::platform),
            new Implementation<>("cyclic-virtual", "the same CyclicBarrier, one virtual thread per party", CyclicBarrierParties::virtual),
            new Implementation<>("phaser-platform", "a Phaser whose onAdvance collects the phase, awaitAdvanceInterruptibly(timeout); parties may deregister", PhaserParties::platform),
            new Implementation<>("phaser-virtual", "the same Phaser, one virtual thread per party", PhaserParties::virtual),
            new Implementation<>("reactor", "concatMap(phase -> Mono.zip(parties' work on boundedElastic()).timeout(t, parallel()))", ReactorLockStep::new),
            new Implementation<>("rxjava", "concatMapSingle(phase -> Single.zip(parties' work on io()).timeout(t, computation()))", RxJavaLockStep::new));

    /** A short name, as {@code labs run lab08 --impl NAME} takes it. */
    String name();

    int parties();

    Duration phaseTimeout();

    /** Runs {@code phases} phases of {@code work} in lock-step and returns them, in order. Blocks the caller. */
    <T> List<Phase<T>> run(int phases, PartyWork<T> work);

    /** Ends a run in progress (it throws {@link BarrierClosedException}) and refuses later runs. Idempotent. */
    @Override
    void close();

    static int checkParties(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1 (got " + parties + ")");
        }
        return parties;
    }

    static int checkPhases(int phases) {
        if (phases < 1) {
            throw new IllegalArgumentException("phases must be >= 1 (got " + phases + ")");
        }
        return phases;
    }

    static Duration checkTimeout(Duration phaseTimeout) {
        Objects.requireNonNull(phaseTimeout, "phaseTimeout must not be null");
        if (phaseTimeout.isNegative() || phaseTimeout.isZero()) {
            throw new IllegalArgumentException("phaseTimeout must be positive (got " + phaseTimeout + ")");
        }
        return phaseTimeout;
    }

    static <W> W checkWork(W work) {
        return Objects.requireNonNull(work, "work must not be null");
    }

    static IllegalStateException closed(String name) {
        return new IllegalStateException("barrier '" + name + "' is closed");
    }

    static IllegalStateException alreadyRunning(String name) {
        return new IllegalStateException("barrier '" + name + "' is already running: one run at a time");
    }

    /** What a party that gave no value in a phase (null, an empty publisher) failed with. */
    static NoSuchElementException noValue(int party, int phase) {
        return new NoSuchElementException("party " + party + " gave no value in phase " + phase);
    }

    /**
     * The parties missing from {@code phase}: those that had arrived at fewer than {@code phase + 1}
     * phases. {@code arrivals} counts, per party, the phases it has arrived at; {@code present} says
     * whether a party still belongs to that phase (one that left does not).
     */
    static List<Integer> missing(AtomicIntegerArray arrivals, int phase, java.util.function.IntPredicate present) {
        List<Integer> missing = new ArrayList<>();
        for (int party = 0; party < arrivals.length(); party++) {
            if (present.test(party) && arrivals.get(party) <= phase) {
                missing.add(party);
            }
        }
        return missing;
    }
}
