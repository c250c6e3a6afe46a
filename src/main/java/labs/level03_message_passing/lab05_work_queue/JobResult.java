package labs.level03_message_passing.lab05_work_queue;

import java.util.Objects;
import labs.support.Result;

/**
 * How one accepted job ended — its value or the exception it threw, as a {@link Result} — and the
 * thread that ran it. Reported exactly once per job that ran; a job that never ran is not a
 * result, it is handed back in {@link Report#notRun()}.
 */
public record JobResult(int jobId, Result<Long> result, String thread) {

    public JobResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(thread, "thread");
    }

    /**
     * Runs {@code job} on the calling thread and settles it: an exception (or a null value) is a
     * failed result; an {@link Error} is not a result and propagates (see {@link Result#of}).
     */
    static JobResult run(Job job) {
        return new JobResult(job.id(), Result.of(job.body()), Thread.currentThread().getName());
    }

    public boolean succeeded() {
        return result.succeeded();
    }
}
