package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

/**
 * How a job ended: exactly one of these, decided once, whatever raced (contract clause 5).
 */
public enum Ending {
    /** Every step returned: the job's own end, reached before any cancel took effect. */
    COMPLETED,
    /** {@code cancel()} took effect before the job's own end: no step started after it. */
    CANCELLED,
    /** A step (or the acquire) threw an {@link Exception} before any cancel took effect. */
    FAILED
}
