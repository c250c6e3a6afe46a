package labs.level04_coordination.lab09_run_once;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;

/**
 * {@link HolderIdiom} as if the JVM had never seen it: a class loader of its own that defines
 * {@code HolderIdiom} and its nested {@code Holder} afresh from the compiled classes, and leaves
 * everything else to the test's loader. The JVM initializes a class once per class loader, so each
 * {@code FreshHolder} is one first use — the only way to watch class initialization (and its
 * failure, which is permanent) more than once in one JVM.
 */
final class FreshHolder extends ClassLoader {

    private static final String HOLDER = HolderIdiom.class.getName();

    FreshHolder() {
        super("lab09-fresh-holder", FreshHolder.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(HOLDER)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = bytesOf(name);
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            return loaded;
        }
    }

    private byte[] bytesOf(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code HolderIdiom.configure(initializer)} in this loader. */
    void configure(Callable<?> initializer) {
        invoke("configure", initializer);
    }

    /** {@code HolderIdiom.get()} in this loader; what it throws is thrown as it is. */
    Object get() {
        return invoke("get");
    }

    private Object invoke(String method, Object... args) {
        try {
            Class<?> holder = loadClass(HOLDER);
            Class<?>[] types = args.length == 0 ? new Class<?>[0] : new Class<?>[] {Callable.class};
            return holder.getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            switch (e.getCause()) {
                case Error error -> throw error;
                case RuntimeException exception -> throw exception;
                default -> throw new IllegalStateException(e.getCause());
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call HolderIdiom." + method + " in a fresh class loader", e);
        }
    }
}
