package labs.support;

/**
 * Deterministic CPU-bound work for live experiments: a fixed number of rounds of an integer hash,
 * so a task costs the same on every thread and cannot be optimised away. It never blocks and never
 * allocates, so BlockHound has nothing to say about it on any scheduler.
 *
 * <p>{@link #calibrate} measures once how many rounds fit in a given duration on this machine, so
 * experiments can say "about 2 ms of work" and mean it on a laptop and on a server alike.
 */
public final class CpuWork {

    private final long rounds;

    private CpuWork(long rounds) {
        this.rounds = rounds;
    }

    public static CpuWork ofRounds(long rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1 (got " + rounds + ")");
        }
        return new CpuWork(rounds);
    }

    /** Work that takes about {@code millis} ms of one core here (measured after a short warm-up). */
    public static CpuWork calibrate(double millis) {
        if (!(millis > 0)) {
            throw new IllegalArgumentException("millis must be > 0 (got " + millis + ")");
        }
        CpuWork probe = new CpuWork(200_000);
        for (int i = 0; i < 20; i++) {
            probe.run(); // let the JIT compile the loop before we time it
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            probe.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        double roundsPerMilli = probe.rounds / (best / 1e6);
        return new CpuWork(Math.max(1, Math.round(roundsPerMilli * millis)));
    }

    public long rounds() {
        return rounds;
    }

    /** Runs the work; the result only exists so the JIT cannot drop the loop. */
    public long run() {
        long h = rounds;
        for (long i = 0; i < rounds; i++) {
            h ^= i;
            h *= 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        return h;
    }
}
