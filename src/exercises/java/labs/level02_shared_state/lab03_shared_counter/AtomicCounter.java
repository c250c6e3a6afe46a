package labs.level02_shared_state.lab03_shared_counter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * YOUR TURN (lab03): a counter that many threads increment at once, with no lock at all. The spec:
 * docs/labs/level02_shared_state/lab03_shared_counter/README.md.
 *
 * <p>The contract ({@link Counter}):
 * <ol>
 *   <li><b>No lost update.</b> After {@code n} calls to {@link #increment} have returned, on any
 *       threads, {@link #get} returns {@code n} once no increment is running.</li>
 *   <li><b>Linearizable.</b> An increment that has returned is counted by every later {@code get},
 *       on any thread.</li>
 * </ol>
 *
 * <p>{@code count++} is three steps (read, add, write); an {@link AtomicLong} can make them one
 * indivisible step. Try it first with {@code get()} and {@code compareAndSet(expected, next)} in a
 * loop (what must happen when the compare fails?), then find the one method that does it all.
 *
 * <p>Check it: {@code ./mvnw -B -ntp test -Dtest='labs.level02_shared_state.lab03_shared_counter.**'}
 */
public final class AtomicCounter implements Counter {

    private final AtomicLong count = new AtomicLong();

    @Override
    public void increment() {
        throw new UnsupportedOperationException("TODO(lab03): add one to count in one indivisible read-modify-write, without a lock");
    }

    @Override
    public long get() {
        throw new UnsupportedOperationException("TODO(lab03): return the count");
    }
}
