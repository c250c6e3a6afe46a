package labs.level04_coordination.lab08_barrier;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * YOUR lab08 imperative barrier: a {@link java.util.concurrent.CyclicBarrier} and one thread per
 * party. Write {@link #run}; the factories, the lifecycle ({@code RunGate}) and the thread plumbing
 * ({@code PartyThreads}: start the parties, first failure wins, release and interrupt the others,
 * bounded wait) are given — the lesson is the party's loop and the barrier. The contract
 * ({@link Barrier}):
 * <ol>
 *   <li>each party works each phase once ({@code PartyThreads.work(work, party, phase)} settles one
 *       call: a value, or a {@link PartyFailedException}), then waits at the barrier;</li>
 *   <li>the barrier action collects the phase — it runs once per phase, before any party is
 *       released, so every party's value for the phase is there and none of the next;</li>
 *   <li>every wait is bounded: {@code await(phaseTimeout)}; the waiter that times out throws
 *       {@link PhaseTimeoutException} (who is missing? {@code Barrier.missing}), and the others
 *       learn from the barrier ({@code BrokenBarrierException});</li>
 *   <li>at the first failure the barrier releases its waiters ({@code PartyThreads}' release hook:
 *       {@code barrier::reset}); a party checks {@code failed()} before it works and before it waits;</li>
 *   <li>{@code run} checks its input (Barrier.checkPhases, checkWork, {@code gate.checkOpen()}), lets
 *       the run in with {@code gate.begin(breaker)} — the breaker fails the run with
 *       {@link BarrierClosedException} — and {@code gate.end(breaker)} when it is over.</li>
 * </ol>
 * The reference is in {@code src/main/java}, one file away — try first.
 */
public final class CyclicBarrierParties implements Barrier {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final String name;
    private final int parties;
    private final Duration phaseTimeout;
    private final Supplier<Thread.Builder> threads;
    private final RunGate gate;

    private CyclicBarrierParties(String name, int parties, Duration phaseTimeout, Supplier<Thread.Builder> threads) {
        this.name = name;
        this.parties = Barrier.checkParties(parties);
        this.phaseTimeout = Barrier.checkTimeout(phaseTimeout);
        this.threads = threads;
        this.gate = new RunGate(name);
    }

    /** Each run starts one platform thread per party; none before. (Given.) */
    public static CyclicBarrierParties platform(int parties, Duration phaseTimeout) {
        return new CyclicBarrierParties("cyclic-platform", parties, phaseTimeout,
                () -> Thread.ofPlatform().name("lab08-cyclic-platform-" + RUNS.incrementAndGet() + "-party-", 0));
    }

    /** Each run starts one virtual thread per party; none before. (Given.) */
    public static CyclicBarrierParties virtual(int parties, Duration phaseTimeout) {
        return new CyclicBarrierParties("cyclic-virtual", parties, phaseTimeout,
                () -> Thread.ofVirtual().name("lab08-cyclic-virtual-" + RUNS.incrementAndGet() + "-party-", 0));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int parties() {
        return parties;
    }

    @Override
    public Duration phaseTimeout() {
        return phaseTimeout;
    }

    @Override
    public <T> List<Phase<T>> run(int phases, PartyWork<T> work) {
        throw new UnsupportedOperationException("TODO(lab08): a CyclicBarrier whose barrier action collects each phase, and one party thread "
                + "per party (new PartyThreads(…, barrier::reset).run(threads.get(), loop)) working its phases and awaiting the barrier with phaseTimeout");
    }

    @Override
    public void close() {
        gate.close();
    }
}
