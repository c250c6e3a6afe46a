package labs.level03_message_passing.lab05_work_queue;

/**
 * How one accepted job ended: it succeeded with a value, or it failed with the exception it threw.
 * Either way it is reported exactly once; a job that was never run is not a result, it is returned
 * in {@link Report#notRun()}.
 */
public record JobResult(int jobId, boolean succeeded, Long value, Throwable failure, String thread) {

    static JobResult succeeded(int jobId, long value) {
        return new JobResult(jobId, true, value, null, Thread.currentThread().getName());
    }

    static JobResult failed(int jobId, Throwable failure) {
        return new JobResult(jobId, false, null, failure, Thread.currentThread().getName());
    }

    /** Runs the job on the calling thread and settles it: a throwing job is a failed result, never an escape. */
    static JobResult run(Job job) {
        try {
            return succeeded(job.id(), job.body().call());
        } catch (Exception | Error e) {
            return failed(job.id(), e);
        }
    }
}
