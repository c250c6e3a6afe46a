package labs.level04_coordination.lab09_run_once;

import java.util.concurrent.Callable;

/**
 * BROKEN ON PURPOSE: {@link DoubleCheckedLazy} without {@code volatile} — the classic broken
 * double-checked locking ("The 'Double-Checked Locking is Broken' Declaration", Pugh et al.).
 *
 * <p>What the missing word allows: the first check reads {@code value} outside the lock, so no
 * happens-before edge orders that read after the initializer's writes. The compiler may store the
 * reference before the constructor's field stores (it may reorder plain stores), and a weakly
 * ordered CPU (ARM, POWER) may make them visible in another order: a reader can see a non-null
 * reference to an object whose fields still hold their defaults — an unsafely published, partly
 * constructed object (clause 5). Callers that take the lock are safe; the fast path is not.
 *
 * <p>Shown only where the hardware and the JIT let it show: the jcstress test
 * {@code RunOnce_02_DoubleCheckedWithoutVolatile} records a half-built value when it sees one. On
 * x86 (TSO: stores are not reordered with other stores) it may never show, and Lincheck cannot show
 * it at all (it explores interleavings of a sequentially consistent memory); FAILURE.md §5 says what
 * each machine showed. No test in {@code verify} can prove this one: a pass there proves nothing.
 */
public final class UnsafeDoubleCheckedLazy<T> implements RunOnce<T> {

    private final Callable<T> initializer;
    private final Object lock = new Object();
    private T value; // the missing word: volatile

    public UnsafeDoubleCheckedLazy(Callable<T> initializer) {
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
