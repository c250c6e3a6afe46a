package labs.level04_coordination.lab08_barrier;

import java.time.Duration;
import java.util.List;

/**
 * YOUR lab08 imperative barrier: a {@link java.util.concurrent.CyclicBarrier} and one thread per
 * party. Write {@link #run}. The name, the party count, the timeout, the lifecycle and the thread
 * plumbing are given ({@code ThreadBarrier}: {@code checkOpen()}, and {@code runParties(release,
 * loop)}, which starts a thread per party running your loop, lets the first failure win, releases
 * and interrupts the others and waits for them, bounded) — the lesson is the party's loop and the
 * barrier. The contract ({@link Barrier}):
 * <ol>
 *   <li>check the input first: {@code Barrier.checkPhases}, {@code checkWork}, {@code checkOpen()};</li>
 *   <li>each party works each phase once ({@code PartyThreads.work(work, party, phase)} settles one
 *       call: a value, or a {@link PartyFailedException}), then waits at the barrier;</li>
 *   <li>the barrier action collects the phase — it runs once per phase, before any party is
 *       released, so every party's value for the phase is there and none of the next;</li>
 *   <li>every wait is bounded: {@code await(phaseTimeout)}; the waiter that times out throws
 *       {@link PhaseTimeoutException} (who is missing? {@code Barrier.missing}), and the others
 *       learn from the barrier ({@code BrokenBarrierException});</li>
 *   <li>at the first failure the barrier releases its waiters (the {@code release} you give
 *       {@code runParties}: {@code barrier::reset}); a party checks {@code run.failed()} before it
 *       works and before it waits.</li>
 * </ol>
 * The reference is in {@code src/main/java}, one file away — try first.
 */
public final class CyclicBarrierParties extends ThreadBarrier {

    private CyclicBarrierParties(boolean virtual, int parties, Duration phaseTimeout) {
        super("cyclic", virtual, parties, phaseTimeout);
    }

    /** Each run starts one platform thread per party; none before. (Given.) */
    public static CyclicBarrierParties platform(int parties, Duration phaseTimeout) {
        return new CyclicBarrierParties(false, parties, phaseTimeout);
    }

    /** Each run starts one virtual thread per party; none before. (Given.) */
    public static CyclicBarrierParties virtual(int parties, Duration phaseTimeout) {
        return new CyclicBarrierParties(true, parties, phaseTimeout);
    }

    @Override
    public <T> List<Phase<T>> run(int phases, PartyWork<T> work) {
        throw new UnsupportedOperationException("TODO(lab08): a CyclicBarrier whose barrier action collects each phase, and "
                + "runParties(barrier::reset, (run, party) -> …) in which each party works its phases and awaits the barrier with phaseTimeout()");
    }
}
