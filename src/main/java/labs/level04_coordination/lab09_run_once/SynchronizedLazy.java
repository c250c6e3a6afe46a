package labs.level04_coordination.lab09_run_once;

import java.util.concurrent.Callable;

/**
 * The plain answer: {@code get()} is {@code synchronized}, so the check, the run and the store
 * happen inside one monitor. The first caller runs the initializer on its own thread while every
 * other caller waits for the monitor; the monitor's release publishes the value to the next thread
 * that takes it (happens-before), so no {@code volatile} is needed.
 *
 * <p>The price: every {@code get()}, even a warm one years later, takes the monitor — cheap when
 * uncontended, a queue when many threads read at once (NOTES.md, the JMH figures). A failed run
 * leaves {@code value} null, so the next caller — often one that was waiting for the monitor —
 * runs the initializer again: {@link RunOnce.AfterFailure#RETRIED}. A thread waiting for a monitor
 * cannot be interrupted (FAILURE.md §3). {@link RacyLazy} is this class without the one word.
 */
public final class SynchronizedLazy<T> implements RunOnce<T> {

    private final Callable<T> initializer;
    private T value; // guarded by this

    public SynchronizedLazy(Callable<T> initializer) {
        this.initializer = RunOnce.checkInitializer(initializer);
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = RunOnce.initialize(initializer);
        }
        return value;
    }
}
