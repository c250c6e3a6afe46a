package labs.level06_performance.lab14_lock_contention;

/**
 * Two counts, each written by one thread of its own: nothing is shared, nothing needs a lock —
 * {@code volatile} and {@code ++} are enough with a single writer per count (lab03's {@code volatile}
 * lesson broke only because two threads wrote one field). Whether the two threads still slow each
 * other down depends only on where the two fields lie: {@link AdjacentCounters} against
 * {@link PaddedCounters}, the lab's false-sharing experiment.
 */
public interface TwoCounters {

    /** Adds one to the first count; only the first writer calls it. */
    void incrementFirst();

    /** Adds one to the second count; only the second writer calls it. */
    void incrementSecond();

    long first();

    long second();
}
