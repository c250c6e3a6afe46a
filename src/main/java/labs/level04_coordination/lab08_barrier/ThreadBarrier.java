package labs.level04_coordination.lab08_barrier;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the two thread barriers share, so that each of their files shows only its barrier and its
 * party loop: the name, the party count and the phase timeout; the kind of thread a party gets
 * (platform or virtual — the only difference between {@code cyclic-platform} and
 * {@code cyclic-virtual}); the lifecycle ({@link RunGate}); and a run of one thread per party
 * ({@link PartyThreads}) that {@code close()} can break. Opening one starts no thread.
 */
abstract sealed class ThreadBarrier implements Barrier permits CyclicBarrierParties, PhaserParties {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final String name;
    private final int parties;
    private final Duration phaseTimeout;
    private final boolean virtual;
    private final RunGate gate;

    ThreadBarrier(String kind, boolean virtual, int parties, Duration phaseTimeout) {
        this.name = kind + (virtual ? "-virtual" : "-platform");
        this.virtual = virtual;
        this.parties = Barrier.checkParties(parties);
        this.phaseTimeout = Barrier.checkTimeout(phaseTimeout);
        this.gate = new RunGate(name);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int parties() {
        return parties;
    }

    @Override
    public final Duration phaseTimeout() {
        return phaseTimeout;
    }

    /** Refuses a run of a closed barrier, before anything is built. */
    final void checkOpen() {
        gate.checkOpen();
    }

    /**
     * One run: a thread per party running {@code loop}, one run at a time, broken by {@code close()}
     * with a {@link BarrierClosedException}. Returns once every party has ended; throws the run's
     * first failure.
     *
     * @param release how the barrier releases its waiters at the first failure (see {@link PartyThreads})
     */
    final void runParties(Runnable release, PartyThreads.Loop loop) {
        PartyThreads run = new PartyThreads("lab08 '" + name + "' barrier", parties, release);
        Runnable breaker = () -> run.fail(new BarrierClosedException(name));
        gate.begin(breaker);
        try {
            String prefix = "lab08-" + name + "-" + RUNS.incrementAndGet() + "-party-";
            run.run(virtual ? Thread.ofVirtual().name(prefix, 0) : Thread.ofPlatform().name(prefix, 0), loop);
        } finally {
            gate.end(breaker);
        }
    }

    @Override
    public final void close() {
        gate.close();
    }
}
