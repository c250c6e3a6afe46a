package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.Objects;

/**
 * A job as a thread runs it: acquire, then the steps — the cancellation flag checked before each —
 * then settle the ending, then release. The thread implementations differ only in what thread runs
 * this and how a cancel reaches it (the stopper they give {@link JobEnding#cancel}).
 *
 * <p>Why the order is safe: one thread does everything, so the release always follows the last
 * step; {@link JobEnding#settle} decides the ending before the cleanup, so a cancel that arrives
 * during the release finds the job already ended; and {@link JobEnding#awaitStopper()} plus
 * {@code Thread.interrupted()} keep a cancel's interrupt out of the release.
 */
final class JobLoop {

    private JobLoop() {
    }

    /**
     * Runs {@code job} on the calling thread. Returns its report; an {@link Error} from the acquire or
     * a step is rethrown as it is, after the release.
     */
    static Report run(Job job, JobEnding ending) {
        Resource resource = null;
        int items = 0;
        Exception failure = null;
        Error error = null;
        try {
            if (!ending.cancelRequested()) { // cancelled before it started: acquire nothing
                resource = Objects.requireNonNull(job.acquire().call(), "the job's acquire returned null");
                for (int i = 0; i < job.steps() && !ending.cancelRequested(); i++) {
                    job.step().run(resource, i);
                    items++;
                }
            }
        } catch (Exception e) {
            // The step's failure — or the InterruptedException our own cancel caused: settle() tells them apart.
            failure = e;
        } catch (Error e) {
            error = e; // not the job's failure: rethrown below, once the resource is released
        }
        Ending decided = ending.settle(failure == null && error == null ? Ending.COMPLETED : Ending.FAILED);
        ending.awaitStopper();
        // An interrupt of ours may have landed after the last step returned: the cleanup must not see it.
        Thread.interrupted();
        if (resource != null) {
            resource.release();
        }
        if (error != null) {
            throw error;
        }
        return Report.of(decided, items, failure);
    }

    /** What a job thread left: its report, or rethrows what it threw (an {@code Error}, a failing release). */
    static Report reportOrRethrow(Report report, Throwable thrown) {
        if (thrown instanceof Error e) {
            throw e;
        }
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown != null) {
            throw new IllegalStateException("the job thread failed", thrown);
        }
        return Objects.requireNonNull(report, "the job thread ended without a report");
    }
}
