package labs.level06_performance.lab14_lock_contention;

import java.util.concurrent.atomic.AtomicLong;

/**
 * No lock: {@link AtomicLong#incrementAndGet} is one hardware read-modify-write ({@code lock xadd}
 * on x86). Nothing parks, but every increment needs the one cache line that holds the count in
 * exclusive state, so contending cores pass that line around and queue for it: throughput stops
 * growing at two threads and falls slowly beyond, without ever collapsing.
 */
public final class AtomicLongCounter implements SharedCounter {

    private final AtomicLong count = new AtomicLong();

    @Override
    public void increment() {
        count.incrementAndGet();
    }

    @Override
    public long sum() {
        return count.get();
    }
}
