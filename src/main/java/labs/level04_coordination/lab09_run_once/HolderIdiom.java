package labs.level04_coordination.lab09_run_once;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The initialization-on-demand holder idiom: the JVM's own run-once. {@code Holder}'s static field
 * is set by its class initializer, and the JVM runs a class initializer exactly once, the first time
 * the class is used (JLS 12.4.2), under its own lock: concurrent first callers wait for it, and its
 * end publishes the value safely to every thread. A warm {@link #get} is a plain static field read —
 * no lock, no {@code volatile} (the class is known to be initialized).
 *
 * <p>Why it is not in {@link RunOnce#IMPLEMENTATIONS}: one class, one value. It cannot take an
 * initializer per instance, so here the initializer is given once per class loader with
 * {@link #configure} (a stand-in for the static factory a real holder calls). And what it does on
 * failure is the JVM's rule, not a policy: the first caller gets {@link ExceptionInInitializerError},
 * every later caller {@link NoClassDefFoundError}, and the initializer never runs again — the failure
 * is cached for the life of the class loader, and it surfaces as an {@code Error}
 * ({@code HolderIdiomTest}, FAILURE.md §2). A caller waiting for another thread's class
 * initialization cannot be interrupted.
 */
public final class HolderIdiom {

    private static final AtomicReference<Callable<?>> INITIALIZER = new AtomicReference<>();

    private HolderIdiom() {
    }

    /** Sets what the holder's class initializer will call: once per class loader, before the first {@link #get}. */
    public static void configure(Callable<?> initializer) {
        RunOnce.checkInitializer(initializer);
        if (!INITIALIZER.compareAndSet(null, initializer)) {
            throw new IllegalStateException("HolderIdiom is configured once per class loader, and already was");
        }
    }

    /** The value: the first call initializes {@code Holder}, on the calling thread. */
    public static Object get() {
        if (INITIALIZER.get() == null) {
            // Checked before Holder is touched: a class whose initializer failed stays failed.
            throw new IllegalStateException("HolderIdiom.configure(initializer) must come before the first get()");
        }
        return Holder.VALUE;
    }

    private static final class Holder {
        static final Object VALUE = RunOnce.initialize(INITIALIZER.get());
    }
}
