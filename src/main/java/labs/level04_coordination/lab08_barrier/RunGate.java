package labs.level04_coordination.lab08_barrier;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A barrier's lifecycle, shared by every implementation: idle, running one run, or closed. A run
 * comes in with {@link #begin} and the way to break it; {@link #close} breaks the run in progress,
 * if any, and refuses every later one. Lock-free, so closing never waits for the run it breaks.
 */
final class RunGate {

    private static final Object IDLE = new Object();
    private static final Object CLOSED = new Object();

    private final String name;
    /** IDLE, CLOSED, or the running run's breaker (a Runnable). */
    private final AtomicReference<Object> state = new AtomicReference<>(IDLE);

    RunGate(String name) {
        this.name = name;
    }

    /** Lets a run in, with how {@link #close} breaks it; one at a time, never after close. */
    void begin(Runnable breaker) {
        while (true) {
            Object now = state.get();
            if (now == CLOSED) {
                throw Barrier.closed(name);
            }
            if (now != IDLE) {
                throw Barrier.alreadyRunning(name);
            }
            if (state.compareAndSet(IDLE, breaker)) {
                return;
            }
        }
    }

    /** The run that began with {@code breaker} has ended (a no-op once closed). */
    void end(Runnable breaker) {
        state.compareAndSet(breaker, IDLE);
    }

    /** Closes for good; breaks the run in progress, if any. */
    void close() {
        if (state.getAndSet(CLOSED) instanceof Runnable running) {
            running.run();
        }
    }

    void checkOpen() {
        if (state.get() == CLOSED) {
            throw Barrier.closed(name);
        }
    }
}
