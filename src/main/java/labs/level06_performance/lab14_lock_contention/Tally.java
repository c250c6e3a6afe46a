package labs.level06_performance.lab14_lock_contention;

import java.time.Duration;
import java.util.Objects;

/**
 * What one run of {@link ContendedCount#count} observed.
 *
 * @param counted what the shared count said when every writer had ended
 * @param added   what the writers say they added, each counting its own increments: the truth
 *                {@code counted} is checked against
 * @param elapsed from the moment the writers were let go to the moment the last one ended and the
 *                count was read
 */
public record Tally(long counted, long added, Duration elapsed) {

    public Tally {
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Increments the count does not hold (negative: counted more than was added). */
    public long lost() {
        return added - counted;
    }

    /** Increments counted per microsecond of the run. */
    public double perMicrosecond() {
        return counted / Math.max(1.0, elapsed.toNanos() / 1_000.0);
    }
}
