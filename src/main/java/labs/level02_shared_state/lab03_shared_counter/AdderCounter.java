package labs.level02_shared_state.lab03_shared_counter;

import java.util.concurrent.atomic.LongAdder;

/**
 * Contention spread over cells: {@link LongAdder} gives contending threads separate cells and
 * {@link #get} adds them up. Increments scale with threads; the price is a {@code get} that walks
 * every cell and, while increments run, returns some value between the count when it started and
 * the count when it ended. Increment-only, that is still a value the counter really had.
 */
public final class AdderCounter implements Counter {

    private final LongAdder count = new LongAdder();

    @Override
    public void increment() {
        count.increment();
    }

    @Override
    public long get() {
        return count.sum();
    }
}
