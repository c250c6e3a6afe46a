package labs.level04_coordination.lab08_barrier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Imperative: a {@link CyclicBarrier} of {@code parties}, one thread per party (platform or virtual),
 * each running its phases and waiting at the barrier after each one.
 *
 * <p>The barrier action collects the phase. It runs once per phase, in the thread of the last party
 * to arrive, after every party has written its value and before any party is released — which is
 * exactly why the values can be read there without a lock, and why no party can have overwritten
 * its slot with the next phase's value yet.
 *
 * <p>Breaking: {@code await(phaseTimeout)} bounds every wait. The first waiter whose timeout runs
 * out gets a {@code TimeoutException} and breaks the barrier; every other waiter gets a
 * {@code BrokenBarrierException}. At the run's first failure (that timeout, a failing party,
 * {@code close()}) the barrier is {@code reset()}: whoever still waits gets a
 * {@code BrokenBarrierException}, and the parties still working are interrupted ({@link PartyThreads}).
 * A {@code CyclicBarrier}'s party count is fixed: a party that leaves early is, to it, a party that
 * never arrives (a {@link java.util.concurrent.Phaser} lets one deregister: {@link PhaserParties}).
 *
 * <p>Why a thread per party, all at once: a party waiting at the barrier holds its thread, so N
 * parties need N threads. On a pool of fewer, the last party never gets a thread and the barrier
 * can only break by its timeout.
 */
public final class CyclicBarrierParties extends ThreadBarrier {

    private CyclicBarrierParties(boolean virtual, int parties, Duration phaseTimeout) {
        super("cyclic", virtual, parties, phaseTimeout);
    }

    /** Each run starts one platform thread per party; none before. */
    public static CyclicBarrierParties platform(int parties, Duration phaseTimeout) {
        return new CyclicBarrierParties(false, parties, phaseTimeout);
    }

    /** Each run starts one virtual thread per party; none before. */
    public static CyclicBarrierParties virtual(int parties, Duration phaseTimeout) {
        return new CyclicBarrierParties(true, parties, phaseTimeout);
    }

    @Override
    public <T> List<Phase<T>> run(int phases, PartyWork<T> work) {
        Barrier.checkPhases(phases);
        Barrier.checkWork(work);
        checkOpen();
        int parties = parties();
        Duration phaseTimeout = phaseTimeout();
        List<Phase<T>> completed = new ArrayList<>(phases);
        Object[] slots = new Object[parties];
        AtomicIntegerArray arrivals = new AtomicIntegerArray(parties);
        CyclicBarrier barrier = new CyclicBarrier(parties, () -> completed.add(phase(completed.size(), slots)));
        // At the first failure, reset() wakes every waiter with a BrokenBarrierException (before
        // PartyThreads interrupts the parties still working).
        runParties(barrier::reset, (run, party) -> {
            for (int phase = 0; phase < phases && !run.failed(); phase++) {
                slots[party] = PartyThreads.work(work, party, phase);
                arrivals.set(party, phase + 1);
                if (run.failed()) {
                    return;
                }
                try {
                    barrier.await(phaseTimeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new PhaseTimeoutException(phase, Barrier.missing(arrivals, phase, p -> true), phaseTimeout);
                }
            }
        });
        return List.copyOf(completed); // every party thread has ended: the barrier action's writes are visible
    }

    @SuppressWarnings("unchecked")
    private static <T> Phase<T> phase(int number, Object[] slots) {
        return new Phase<>(number, (List<T>) Arrays.asList(slots.clone()));
    }
}
