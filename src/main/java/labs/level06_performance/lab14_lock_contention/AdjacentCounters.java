package labs.level06_performance.lab14_lock_contention;

/**
 * Two {@code volatile long}s side by side: 8 bytes apart, in one 64-byte cache line. Each thread
 * writes only its own field, yet a core can write a line only while it holds it exclusively, so
 * every write on one core takes the line away from the other: the two threads contend for a line
 * they do not share a byte of (false sharing). Correct, and slow on two cores.
 */
public final class AdjacentCounters implements TwoCounters {

    private volatile long first;
    private volatile long second;

    @Override
    @SuppressWarnings("NonAtomicOperationOnVolatileField") // one writer per field: no update can be lost
    public void incrementFirst() {
        first++;
    }

    @Override
    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    public void incrementSecond() {
        second++;
    }

    @Override
    public long first() {
        return first;
    }

    @Override
    public long second() {
        return second;
    }
}
