package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.util.Optional;

/**
 * How the reactive cores carry a crash through the error channel to their restart logic: which
 * child, which incarnation, the input it was handling (none for a crash on start), and the worker's
 * exception. Never seen outside the lab: the restart logic either restarts, or gives up with
 * {@link GaveUp}, which the core turns into an {@link EscalationException}.
 */
final class Crash extends RuntimeException {

    final Progress child;
    final int incarnation;
    final Optional<String> input;

    Crash(Progress child, int incarnation, Optional<String> input, Exception cause) {
        super(cause.toString(), cause, false, false); // a carrier: no stack trace of its own to fill
        this.child = child;
        this.incarnation = incarnation;
        this.input = input;
    }

    Exception cause() {
        return (Exception) getCause();
    }

    /**
     * The last crash made the supervisor give up: the core maps it to an {@link EscalationException}
     * at its very end, where it holds exactly the events delivered before it.
     */
    static final class GaveUp extends RuntimeException {
        final Crash last;

        GaveUp(Crash last) {
            super(last.getMessage(), last.cause(), false, false);
            this.last = last;
        }

        EscalationException escalation(RestartPolicy policy, Report report) {
            return new EscalationException(policy, last.child.name(), last.cause(), report);
        }
    }
}
