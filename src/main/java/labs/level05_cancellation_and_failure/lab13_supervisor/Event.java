package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.util.Objects;
import java.util.Optional;

/**
 * What a supervisor saw, in the order it saw it: the reactive cores emit these as their stream, the
 * thread supervisor records them, and a {@link Report} is the list. Every event names its child and
 * the time it happened, {@code at}: milliseconds since the run began, on the supervisor's clock (the
 * scheduler's, virtual in the tests; the injected {@code InstantSource} for threads).
 */
public sealed interface Event {

    String child();

    long at();

    /** An incarnation began (number 1 is the first start; 2 and more are restarts). */
    record Started(String child, int incarnation, long at) implements Event {
        public boolean isRestart() {
            return incarnation > 1;
        }
    }

    /** An input was handled: its output is kept by the supervisor and the input is never handled again. */
    record Handled(String child, int incarnation, String input, String output, long at) implements Event {
    }

    /**
     * An incarnation crashed: while handling {@code input}, or on start (no input: nothing to blame).
     * What follows is a restart after the backoff, the end of the child (nothing left), or giving up.
     */
    record Crashed(String child, int incarnation, Optional<String> input, Exception cause, long at) implements Event {
        public Crashed {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** An input crashed a worker {@code attempts} times: it is poison, moved aside and never tried again. */
    record MovedAside(String child, String input, int attempts, long at) implements Event {
    }
}
