package labs.level04_coordination.lab09_run_once;

import java.util.concurrent.Callable;

/**
 * YOUR TURN (lab09): double-checked locking — a run-once value whose warm {@code get()} takes no
 * lock. The spec: docs/labs/level04_coordination/lab09_run_once/README.md.
 *
 * <p>The contract ({@link RunOnce}):
 * <ol>
 *   <li><b>One value.</b> Every {@code get()} that returns a value returns the same instance.</li>
 *   <li><b>One run.</b> The initializer never runs twice at once, and never again once a run has
 *       returned a value; after a failed run, the next {@code get()} runs it again.</li>
 *   <li><b>Lazy, and shared.</b> Nothing runs before the first {@code get()}; callers arriving during
 *       the run wait for it and return its value.</li>
 *   <li><b>Failure.</b> Run the initializer with {@link RunOnce#initialize}: it wraps a failure in a
 *       new {@link InitFailedException} and lets an {@code Error} through.</li>
 *   <li><b>Safe publication.</b> A caller that gets the value sees it whole.</li>
 * </ol>
 *
 * <p>The shape: read the field; if it holds a value, return it (no lock). Otherwise take the lock
 * and look again — someone may have made it while you waited — and only then run the initializer
 * and store its value. Then ask: the first read happens outside the lock, so what guarantees that a
 * reader who sees the reference also sees the fields the initializer wrote? (jcstress:
 * {@code RunOnce_02} vs {@code RunOnce_03}.)
 *
 * <p>Check it: {@code target/labs check lab09}
 */
public final class DoubleCheckedLazy<T> implements RunOnce<T> {

    private final Callable<T> initializer;
    private final Object lock = new Object();
    // TODO(lab09): the field that holds the value once it is made

    public DoubleCheckedLazy(Callable<T> initializer) {
        this.initializer = RunOnce.checkInitializer(initializer);
    }

    @Override
    public T get() {
        throw new UnsupportedOperationException("TODO(lab09): check without the lock, then check again inside it, run the initializer once and publish its value safely");
    }
}
