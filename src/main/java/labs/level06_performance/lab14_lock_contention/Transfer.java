package labs.level06_performance.lab14_lock_contention;

import java.time.Duration;
import java.util.Objects;

/**
 * What one {@link Handoff#transfer} observed.
 *
 * @param received how many items the consumer took, each checked to be the next in order
 * @param elapsed  from the producer's first item to the consumer's last
 */
public record Transfer(long received, Duration elapsed) {

    public Transfer {
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Items handed over per second. */
    public double perSecond() {
        return received / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}
