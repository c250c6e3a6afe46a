package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How a supervisor restarts: the backoff before each restart, the restart intensity after which it
 * gives up, and when an input counts as poison. One immutable value, shared by every implementation,
 * so "the k-th crash in a row waits this long" means the same thing in all of them.
 *
 * <p><b>Backoff</b> (exactly Reactor's {@code Retry.backoff} formula — {@code RetryBackoffSpecComparedTest}
 * holds the two side by side): after the k-th crash in a row of a restart unit (k = 0 for the first
 * crash since its last handled input) the restart waits {@code minBackoff · 2^k}, capped at
 * {@code maxBackoff}, moved by up to {@code ± jitter ·} that delay, and never below
 * {@code minBackoff} nor above {@code maxBackoff}. A handled input resets k: "transient errors".
 *
 * <p><b>Jitter</b> draws from {@link #random()} (a value in [0, 1)): {@link ThreadLocalRandom} by
 * default; tests pass a scripted source, so every restart time is exact and the same on every run.
 * Reactor's own jitter draws from {@code ThreadLocalRandom} and cannot be seeded: one reason the
 * lab computes its own (DESIGN.md).
 *
 * <p><b>Intensity</b> (Erlang/OTP's {@code intensity} and {@code period}): at most
 * {@code maxRestarts} restarts within any {@code window}; the crash that would need one more makes
 * the supervisor give up ({@link RestartIntensity}).
 *
 * <p><b>Poison</b>: an input that has crashed a worker {@code maxAttemptsPerInput} times is moved
 * aside, never tried again.
 *
 * @param minBackoff          the first delay; must be positive
 * @param maxBackoff          the cap; at least {@code minBackoff}
 * @param jitter              the jitter factor, from 0 (none) to 1
 * @param maxRestarts         restarts allowed within {@code window}; at least 1
 * @param window              the intensity's period; must be positive
 * @param maxAttemptsPerInput crashes an input may cause before it is moved aside; at least 1
 * @param random              the jitter's source of uniform values in [0, 1)
 */
public record RestartPolicy(Duration minBackoff, Duration maxBackoff, double jitter, int maxRestarts, Duration window,
                            int maxAttemptsPerInput, DoubleSupplier random) {

    /** Where jitter comes from unless a test says otherwise: lock-free, so safe on any thread. */
    public static final DoubleSupplier THREAD_LOCAL_RANDOM = () -> ThreadLocalRandom.current().nextDouble();

    /** The longest backoff or window a policy takes: longer ones are mistakes, and would overflow nanoseconds later. */
    static final Duration LONGEST = Duration.ofDays(1);

    public RestartPolicy {
        Objects.requireNonNull(minBackoff, "minBackoff must not be null");
        Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
        Objects.requireNonNull(window, "window must not be null");
        Objects.requireNonNull(random, "random must not be null");
        if (minBackoff.isNegative() || minBackoff.isZero()) {
            throw new IllegalArgumentException("minBackoff must be positive (got " + readable(minBackoff) + ")");
        }
        if (maxBackoff.compareTo(LONGEST) > 0 || window.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("maxBackoff and window must be at most a day (got " + maxBackoff + ", " + window + ")");
        }
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be at least minBackoff (" + readable(minBackoff) + "; got " + readable(maxBackoff) + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be from 0 to 1 (got " + jitter + ")");
        }
        if (maxRestarts < 1) {
            throw new IllegalArgumentException("maxRestarts must be >= 1 (got " + maxRestarts + "): an intensity of 0 would give up at the first crash; use no supervisor instead");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive (got " + readable(window) + ")");
        }
        if (maxAttemptsPerInput < 1) {
            throw new IllegalArgumentException("maxAttemptsPerInput must be >= 1 (got " + maxAttemptsPerInput + ")");
        }
    }

    /**
     * A policy with exponential backoff from {@code minBackoff} to {@code maxBackoff}, no jitter, an
     * intensity of 5 restarts within 10 s, and inputs moved aside after 3 crashes: change each with
     * the {@code with…} methods.
     */
    public static RestartPolicy backoff(Duration minBackoff, Duration maxBackoff) {
        return new RestartPolicy(minBackoff, maxBackoff, 0, 5, Duration.ofSeconds(10), 3, THREAD_LOCAL_RANDOM);
    }

    /** The same policy with jitter drawn from {@link #THREAD_LOCAL_RANDOM}. */
    public RestartPolicy withJitter(double factor) {
        return withJitter(factor, THREAD_LOCAL_RANDOM);
    }

    /** The same policy with jitter drawn from {@code random} (a seeded or scripted source in tests). */
    public RestartPolicy withJitter(double factor, DoubleSupplier random) {
        return new RestartPolicy(minBackoff, maxBackoff, factor, maxRestarts, window, maxAttemptsPerInput, random);
    }

    /** The same policy giving up when a crash would need more than {@code maxRestarts} restarts within {@code window}. */
    public RestartPolicy withIntensity(int maxRestarts, Duration window) {
        return new RestartPolicy(minBackoff, maxBackoff, jitter, maxRestarts, window, maxAttemptsPerInput, random);
    }

    /** The same policy moving an input aside after it has crashed a worker {@code attempts} times. */
    public RestartPolicy withPoisonAfter(int attempts) {
        return new RestartPolicy(minBackoff, maxBackoff, jitter, maxRestarts, window, attempts, random);
    }

    /** The delay before the restart that follows the {@code crashesInARow}-th crash in a row (0-based), jitter drawn from {@link #random()}. */
    public Duration nextBackoff(int crashesInARow) {
        return backoff(crashesInARow, random.getAsDouble());
    }

    /**
     * The delay before the restart that follows the {@code crashesInARow}-th crash in a row
     * (0-based), for a uniform draw {@code uniform} in [0, 1]: {@code uniform} 0 is the earliest the
     * jitter allows, 1 the latest. With no jitter, {@code uniform} does not matter.
     */
    public Duration backoff(int crashesInARow, double uniform) {
        if (crashesInARow < 0) {
            throw new IllegalArgumentException("crashesInARow must be >= 0 (got " + crashesInARow + ")");
        }
        if (!(uniform >= 0 && uniform <= 1)) {
            throw new IllegalStateException("the jitter's random source must give values in [0, 1] (got " + uniform + ")");
        }
        long min = minBackoff.toNanos();
        long max = maxBackoff.toNanos();
        long delay = crashesInARow >= 62 || min > (max >> crashesInARow) ? max : min << crashesInARow;
        if (jitter == 0) {
            return Duration.ofNanos(delay);
        }
        long offset = (long) (delay * jitter);
        long low = Math.max(min - delay, -offset);   // never below minBackoff
        long high = Math.min(max - delay, offset);   // never above maxBackoff
        return Duration.ofNanos(delay + low + (long) (uniform * (high - low)));
    }

    /** A duration as a person reads it in a message: {@code 250 ms}, {@code 2 s}, {@code PT0.000001S}. */
    static String readable(Duration duration) {
        if (duration.toNanos() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        return Math.abs(millis) >= 1000 && millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
