package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Erlang/OTP's restart intensity: at most {@code maxRestarts} restarts within any {@code window}.
 * Each crash asks {@link #admit}: the answer is a restart, or — for the crash that would need one
 * restart too many — giving up, exactly once; every later crash hears that the supervisor has
 * already given up (so two children crashing at the same moment on two threads escalate once, not
 * twice: {@code RestartIntensityLincheckTest}).
 *
 * <p>A restart is counted at the moment it is decided (the crash), not when its backoff ends.
 *
 * <p>Lock-free (one immutable state swapped by compare-and-set): it is asked on whatever thread a
 * crash is seen, a scheduler's thread included, where nothing may park. One instance per supervised
 * run.
 */
public final class RestartIntensity {

    /** What a crash gets. */
    public enum Decision {
        /** Restart: the intensity allows it (and it now counts against the window). */
        RESTART,
        /** Give up: this crash would exceed the intensity. Given to exactly one crash. */
        GIVE_UP,
        /** Another crash already gave up: stop quietly, the escalation is on its way. */
        GAVE_UP_ALREADY
    }

    /** The restarts still inside the window, oldest first, and whether the supervisor gave up. */
    private record State(long[] restarts, boolean gaveUp) {
    }

    private final int maxRestarts;
    private final long windowMillis;
    private final AtomicReference<State> state = new AtomicReference<>(new State(new long[0], false));

    public RestartIntensity(int maxRestarts, Duration window) {
        if (maxRestarts < 1) {
            throw new IllegalArgumentException("maxRestarts must be >= 1 (got " + maxRestarts + ")");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive (got " + window + ")");
        }
        this.maxRestarts = maxRestarts;
        this.windowMillis = window.toMillis();
    }

    public RestartIntensity(RestartPolicy policy) {
        this(policy.maxRestarts(), policy.window());
    }

    /**
     * A crash at {@code nowMillis} (the supervisor's clock): restart, or give up. Restarts more than
     * a window old no longer count ({@code (now - window, now]} is the window).
     */
    public Decision admit(long nowMillis) {
        while (true) {
            State seen = state.get();
            if (seen.gaveUp()) {
                return Decision.GAVE_UP_ALREADY;
            }
            long[] recent = within(seen.restarts(), nowMillis);
            State next;
            if (recent.length >= maxRestarts) {
                next = new State(recent, true);
            } else {
                long[] counted = Arrays.copyOf(recent, recent.length + 1);
                counted[recent.length] = nowMillis;
                next = new State(counted, false);
            }
            // Decided on a snapshot; if another crash changed the state meanwhile, decide again on
            // the new one. Reading, deciding and writing as three steps is the check-then-act race
            // that escalates twice (the Lincheck test's negative control).
            if (state.compareAndSet(seen, next)) {
                return next.gaveUp() ? Decision.GIVE_UP : Decision.RESTART;
            }
        }
    }

    /** The restarts still inside the window that ends at {@code nowMillis}, oldest first. */
    private long[] within(long[] restarts, long nowMillis) {
        int first = 0;
        while (first < restarts.length && restarts[first] <= nowMillis - windowMillis) {
            first++;
        }
        return first == 0 ? restarts : Arrays.copyOfRange(restarts, first, restarts.length);
    }
}
