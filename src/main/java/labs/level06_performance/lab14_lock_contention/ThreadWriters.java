package labs.level06_performance.lab14_lock_contention;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The imperative side: {@code W} platform threads, let go at once by a latch, each calling
 * {@link SharedCounter#increment} on one shared counter in a loop ({@link WriterThreads}). Which
 * counter — a lock, an atomic, cells, stripes — is the constructor's choice; everything else is the
 * same for all of them, so the curves differ only by how the count is shared.
 *
 * <p>Each writer counts its own increments (the {@code added} of the {@link Tally}); the shared count
 * is read once every writer has ended, and the two must agree.
 */
public final class ThreadWriters implements ContendedCount {

    private final Supplier<SharedCounter> counters;

    /** @param counters makes the shared counter, one per run */
    public ThreadWriters(Supplier<SharedCounter> counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** A new counter of the kind these writers share (Lincheck checks it on its own). */
    public SharedCounter newCounter() {
        return counters.get();
    }

    @Override
    public Tally count(int writers, long each, BooleanSupplier stop) {
        ContendedCount.checkRun(writers, each, stop);
        SharedCounter counter = Objects.requireNonNull(counters.get(), "the counter supplier returned null");
        WriterThreads.Added added = WriterThreads.run("writers", Collections.nCopies(writers, counter::increment), each, stop);
        long counted = counter.sum();
        return new Tally(counted, added.total(), Duration.ofNanos(System.nanoTime() - added.start()));
    }
}
