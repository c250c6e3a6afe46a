package labs.level03_message_passing.lab05_work_queue;

/**
 * A reactive work queue's job stream itself failed — not a job (a job's exception is a failed
 * {@link JobResult}) but the queue: a {@code work} function that threw, a scheduler that refused
 * the job, {@code results()} cancelled. (A job's {@link Error} is rethrown as it is, not wrapped.)
 * Thrown by a shutdown after the queue's own threads have ended; it carries what had settled by
 * then, and how many accepted jobs have neither a result nor a place in {@link Report#notRun()} —
 * those are lost, and the message says so rather than hiding them.
 */
public final class WorkQueueFailedException extends IllegalStateException {

    private final transient Report partial;
    private final int lost;

    private WorkQueueFailedException(String message, Throwable cause, Report partial, int lost) {
        super(message, cause);
        this.partial = partial;
        this.lost = lost;
    }

    static WorkQueueFailedException of(String queue, Throwable cause, Report partial, int accepted) {
        int lost = accepted - partial.accountedFor();
        return new WorkQueueFailedException("work queue '" + queue + "' failed: " + cause + "; " + partial.finished().size()
                + " finished, " + partial.notRun().size() + " not run, " + lost + " of " + accepted + " accepted lost", cause, partial, lost);
    }

    /** What had settled when the stream failed. */
    public Report partialReport() {
        return partial;
    }

    /** Accepted jobs with no result and not in the partial report's notRun. */
    public int lost() {
        return lost;
    }
}
