package labs.level02_shared_state.lab03_shared_counter;

/**
 * Mutual exclusion with the object's monitor: one thread at a time runs the read-add-write, and
 * leaving the monitor publishes the write to the next thread that enters it. {@link #get} is
 * synchronized too: without it a reader could see a stale value (no happens-before edge).
 */
public final class SynchronizedCounter implements Counter {

    private long count;

    @Override
    public synchronized void increment() {
        count++;
    }

    @Override
    public synchronized long get() {
        return count;
    }
}
