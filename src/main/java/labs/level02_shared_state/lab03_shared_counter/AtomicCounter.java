package labs.level02_shared_state.lab03_shared_counter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * No lock: {@link AtomicLong#incrementAndGet} is one hardware read-modify-write (LOCK XADD on
 * x86), so the read and the write cannot be split by another thread. Under heavy contention every
 * core fights for the same cache line, which is what {@link AdderCounter} avoids.
 */
public final class AtomicCounter implements Counter {

    private final AtomicLong count = new AtomicLong();

    @Override
    public void increment() {
        count.incrementAndGet();
    }

    @Override
    public long get() {
        return count.get();
    }
}
