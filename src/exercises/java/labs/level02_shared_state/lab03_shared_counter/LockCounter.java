package labs.level02_shared_state.lab03_shared_counter;

import java.util.concurrent.locks.ReentrantLock;

/**
 * YOUR TURN (lab03): a counter that many threads increment at once, guarded by an explicit
 * {@link ReentrantLock}. The spec: docs/labs/level02_shared_state/lab03_shared_counter/README.md.
 *
 * <p>The contract ({@link Counter}):
 * <ol>
 *   <li><b>No lost update.</b> After {@code n} calls to {@link #increment} have returned, on any
 *       threads, {@link #get} returns {@code n} once no increment is running.</li>
 *   <li><b>Linearizable.</b> An increment that has returned is counted by every later {@code get},
 *       on any thread.</li>
 * </ol>
 *
 * <p>{@code count++} is three steps (read, add, write): two threads that read the same value both
 * write value + 1. Whatever a lock protects, every access to that state must go through it, reads
 * included, and nothing may leave the lock held (an exception included).
 *
 * <p>Check it: {@code ./mvnw -B -ntp test -Dtest='labs.level02_shared_state.lab03_shared_counter.**'}
 * (the contract test, Lincheck's linearizability check, and the rest of the lab's tests).
 */
public final class LockCounter implements Counter {

    private final ReentrantLock lock = new ReentrantLock();
    private long count;

    @Override
    public void increment() {
        throw new UnsupportedOperationException("TODO(lab03): add one to count so that no other thread can run between the read and the write");
    }

    @Override
    public long get() {
        throw new UnsupportedOperationException("TODO(lab03): return count as the last increment to return left it, on whichever thread asks");
    }
}
