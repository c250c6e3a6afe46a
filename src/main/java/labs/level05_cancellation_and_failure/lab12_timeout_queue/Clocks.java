package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Instant;

/** Instants as nanoseconds, and deadlines that saturate instead of overflowing ("wait for ever"). */
final class Clocks {

    private Clocks() {
    }

    /** Nanoseconds since the epoch (good until the year 2262). */
    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** {@code at + nanos}, or {@link Long#MAX_VALUE} when that is beyond what a long holds. */
    static long plus(long at, long nanos) {
        long sum = at + nanos;
        return ((at ^ sum) & (nanos ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
