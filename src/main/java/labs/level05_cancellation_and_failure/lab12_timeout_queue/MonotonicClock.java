package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The wall clock read once, then moved by {@link System#nanoTime}: an {@link InstantSource} that
 * never goes back.
 *
 * <p>Why not {@link InstantSource#system()}: the wall clock is set by NTP and by people, and a
 * deadline measured on it moves when it is set — an item could expire an hour early, or a wait end
 * never. Deadlines want the clock the JDK's own timed waits use.
 */
final class MonotonicClock implements InstantSource {

    static final MonotonicClock INSTANCE = new MonotonicClock(Instant.now(), System.nanoTime());

    private final Instant origin;
    private final long originNanos;

    private MonotonicClock(Instant origin, long originNanos) {
        this.origin = origin;
        this.originNanos = originNanos;
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(System.nanoTime() - originNanos);
    }
}
