package labs.level04_coordination.lab08_barrier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Imperative: a {@link Phaser}, one thread per party (platform or virtual). Each party works,
 * {@code arrive()}s, and waits for the phase to advance with {@code awaitAdvanceInterruptibly(phase,
 * phaseTimeout)}; the Phaser's {@code onAdvance} — run once per phase by the last party to arrive,
 * before any is released — collects the phase.
 *
 * <p>What a Phaser adds to a {@code CyclicBarrier}: parties may leave. {@link #run(List, PartyWork)}
 * gives each party its own number of phases; after its last one it {@code arriveAndDeregister()}s —
 * it counts for that phase, waits for nobody, and every later phase completes without it.
 *
 * <p>Breaking: a Phaser has no broken state. A party whose wait times out records the
 * {@link PhaseTimeoutException}, and the run's first failure {@code forceTermination()}s the Phaser,
 * which releases every waiter at once ({@code awaitAdvance} returns a negative phase); parties still
 * working are interrupted ({@link PartyThreads}).
 */
public final class PhaserParties extends ThreadBarrier {

    private PhaserParties(boolean virtual, int parties, Duration phaseTimeout) {
        super("phaser", virtual, parties, phaseTimeout);
    }

    /** Each run starts one platform thread per party; none before. */
    public static PhaserParties platform(int parties, Duration phaseTimeout) {
        return new PhaserParties(false, parties, phaseTimeout);
    }

    /** Each run starts one virtual thread per party; none before. */
    public static PhaserParties virtual(int parties, Duration phaseTimeout) {
        return new PhaserParties(true, parties, phaseTimeout);
    }

    @Override
    public <T> List<Phase<T>> run(int phases, PartyWork<T> work) {
        Barrier.checkPhases(phases);
        return run(Collections.nCopies(parties(), phases), work);
    }

    /**
     * Party {@code p} works {@code phasesOfEachParty.get(p)} phases, then leaves. A phase completes
     * when every party still registered in it has arrived; its values are theirs, in party order.
     * The run has as many phases as the longest-staying party. Every other clause of the contract
     * holds as in {@link #run(int, PartyWork)}.
     */
    public <T> List<Phase<T>> run(List<Integer> phasesOfEachParty, PartyWork<T> work) {
        int[] stays = checkStays(phasesOfEachParty);
        Barrier.checkWork(work);
        checkOpen();
        int parties = parties();
        Duration phaseTimeout = phaseTimeout();
        int length = Arrays.stream(stays).max().orElseThrow(); // the run lasts as long as the longest-staying party
        List<Phase<T>> completed = new ArrayList<>(length);
        Object[] slots = new Object[parties];
        AtomicIntegerArray arrivals = new AtomicIntegerArray(parties);
        Phaser phaser = new Phaser(parties) {
            @Override
            protected boolean onAdvance(int phase, int registeredParties) {
                List<Object> values = new ArrayList<>();
                for (int party = 0; party < parties; party++) {
                    if (phase < stays[party]) {
                        values.add(slots[party]);
                    }
                }
                completed.add(phase(phase, values));
                return phase == length - 1; // the run's last phase: the Phaser terminates
            }
        };
        runParties(phaser::forceTermination, (run, party) -> {
            int last = stays[party] - 1;
            for (int phase = 0; phase <= last && !run.failed(); phase++) {
                slots[party] = PartyThreads.work(work, party, phase);
                arrivals.set(party, phase + 1);
                if (phase == last && last < length - 1) {
                    phaser.arriveAndDeregister(); // leaves: counts for this phase, waits for nobody
                    return;
                }
                if (run.failed()) {
                    return;
                }
                // Everyone else waits after every phase, the run's last included: that wait is
                // what the timeout bounds when a party never arrives.
                int arrived = phaser.arrive();
                int next;
                try {
                    next = phaser.awaitAdvanceInterruptibly(arrived, phaseTimeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    int broken = phase;
                    throw new PhaseTimeoutException(phase, Barrier.missing(arrivals, phase, p -> broken < stays[p]), phaseTimeout);
                }
                // Terminated: normal after the run's last phase (onAdvance said so), unless the
                // run has failed — then forceTermination released this party early.
                if (next < 0 && (phase < length - 1 || run.failed())) {
                    throw new CancellationException("the phaser was terminated in phase " + phase);
                }
            }
        });
        return List.copyOf(completed);
    }

    @SuppressWarnings("unchecked")
    private static <T> Phase<T> phase(int number, List<Object> values) {
        return new Phase<>(number, (List<T>) values);
    }

    private int[] checkStays(List<Integer> phasesOfEachParty) {
        int parties = parties();
        Objects.requireNonNull(phasesOfEachParty, "phasesOfEachParty must not be null");
        if (phasesOfEachParty.size() != parties) {
            throw new IllegalArgumentException("phasesOfEachParty must give one phase count per party: "
                    + parties + " expected (got " + phasesOfEachParty.size() + ")");
        }
        int[] stays = new int[parties];
        for (int party = 0; party < parties; party++) {
            Integer phases = phasesOfEachParty.get(party);
            if (phases == null || phases < 1) {
                throw new IllegalArgumentException("party " + party + " must stay for >= 1 phase (got " + phases + ")");
            }
            stays[party] = phases;
        }
        return stays;
    }
}
