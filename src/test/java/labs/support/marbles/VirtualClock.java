package labs.support.marbles;

/**
 * The one thing the engine needs from a library's virtual-time scheduler: the current frame, run
 * something at a frame, and move time forward. Reactor's {@code VirtualTimeScheduler} and RxJava's
 * {@code TestScheduler} both run tasks due at the same time in the order they were scheduled —
 * the engine relies on that to cancel "at frame f" before anything else happens at f.
 */
interface VirtualClock extends AutoCloseable {

    long now();

    void schedule(long frame, Runnable task);

    void advanceTo(long frame);

    @Override
    void close();
}
