package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.util.Objects;

/**
 * The supervisor gave up: a crash would have needed more restarts within the window than the
 * intensity allows. Every child has been stopped and nothing is left running or scheduled; this is
 * how the parent learns it, once. Its cause is the crash that tipped it over, its report what
 * happened until then.
 */
public final class EscalationException extends RuntimeException {

    private final transient Report report;

    /**
     * @param policy the policy whose intensity was exceeded
     * @param child  the child whose crash tipped it over
     * @param cause  that crash
     * @param report what the run saw until then
     */
    public EscalationException(RestartPolicy policy, String child, Exception cause, Report report) {
        super(message(policy, child, cause), cause);
        this.report = Objects.requireNonNull(report, "report");
    }

    private static String message(RestartPolicy policy, String child, Exception cause) {
        return "supervisor gave up: child '" + child + "' crashed again after " + policy.maxRestarts() + " restart"
                + (policy.maxRestarts() == 1 ? "" : "s") + " within " + RestartPolicy.readable(policy.window())
                + " (the intensity allows no more): " + cause;
    }

    /** What the run saw until it gave up: the outputs kept, the restarts, the crashes. */
    public Report report() {
        return report;
    }

}
