package labs.level02_shared_state.lab04_bounded_buffer;

import java.util.concurrent.atomic.AtomicReference;

/** What a staged thread ended with: the value it returned or the exception it threw. */
final class Outcome<T> {

    private final AtomicReference<Object> result = new AtomicReference<>();

    interface Action<T> {
        T run() throws Exception;
    }

    static <T> Thread start(String name, Outcome<T> outcome, Action<T> action) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                T value = action.run();
                outcome.result.set(value == null ? Null.NULL : value);
            } catch (Throwable e) {
                outcome.result.set(e);
            }
        });
    }

    /** The value returned (null if the action returned null). */
    @SuppressWarnings("unchecked")
    T value() {
        Object r = result.get();
        if (r instanceof Throwable t) {
            throw new AssertionError("expected a value, the thread threw " + t, t);
        }
        return r == Null.NULL ? null : (T) r;
    }

    Throwable thrown() {
        return result.get() instanceof Throwable t ? t : null;
    }

    boolean returnedNull() {
        return result.get() == Null.NULL;
    }

    private enum Null { NULL }
}
