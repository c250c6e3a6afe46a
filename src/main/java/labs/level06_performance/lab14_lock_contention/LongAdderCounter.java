package labs.level06_performance.lab14_lock_contention;

import java.util.concurrent.atomic.LongAdder;

/**
 * Contention spread over cells: a {@link LongAdder} adds to one base value until a CAS on it fails,
 * then gives contending threads cells of their own (padded against false sharing, grown up to the
 * core count), and {@link #sum} walks them. Increments scale with cores because no two threads
 * write one cache line; the price is a read that adds up every cell. Increment-only, the sum is a
 * value the count really had between the read's start and its end.
 */
public final class LongAdderCounter implements SharedCounter {

    private final LongAdder count = new LongAdder();

    @Override
    public void increment() {
        count.increment();
    }

    @Override
    public long sum() {
        return count.sum();
    }
}
