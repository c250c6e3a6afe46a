package labs.level04_coordination.lab09_run_once;

import java.util.concurrent.Callable;

/**
 * Double-checked locking, done right: a warm {@code get()} is one {@code volatile} read and no lock;
 * only a caller that finds nothing takes the lock, and checks again inside it, because another
 * caller may have made the value while it waited.
 *
 * <p>Why {@code volatile}: the write of {@code value} must not become visible before the writes the
 * initializer made to build the object. Without it (the lesson {@link UnsafeDoubleCheckedLazy}), the
 * first check runs outside the lock, so nothing orders the reader after the writer: the JIT or the
 * CPU may let a reader see the reference before the fields behind it. A {@code volatile} write and
 * the {@code volatile} read that sees it form a happens-before edge (JLS 17.4.5); everything written
 * before the write is visible after the read. The local {@code current} keeps the fast path to one
 * volatile read.
 *
 * <p>Failures and interruption as in {@link SynchronizedLazy}: the run happens on the first caller's
 * thread, inside the lock; a failed run leaves {@code value} null and the next caller runs again.
 */
public final class DoubleCheckedLazy<T> implements RunOnce<T> {

    private final Callable<T> initializer;
    private final Object lock = new Object();
    private volatile T value;

    public DoubleCheckedLazy(Callable<T> initializer) {
        this.initializer = RunOnce.checkInitializer(initializer);
    }

    @Override
    public T get() {
        T current = value;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            current = value;
            if (current == null) {
                current = RunOnce.initialize(initializer);
                value = current;
            }
            return current;
        }
    }
}
