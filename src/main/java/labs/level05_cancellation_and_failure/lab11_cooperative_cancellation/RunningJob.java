package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

/**
 * The handle of a started job: the only ways to stop it or to wait for it. Both may be called from
 * any thread, any number of times, in any order; every call returns the same {@link Report}.
 */
public interface RunningJob {

    /**
     * Asks the job to stop and waits until it has: no step running, none to start, the resource
     * released. The wait is bounded ({@code labs.support.Threads#END_WITHIN}): a job that ignores
     * the request fails this call loudly, naming what still runs, instead of hanging the caller.
     * On a job that has already ended, a no-op that returns its report.
     */
    Report cancel();

    /**
     * Waits for the job to end by itself, however long that takes. A caller interrupted while it
     * waits passes the request on: the job is cancelled, the caller's interrupt flag is set again,
     * and the report of the cancelled job comes back.
     */
    Report await();
}
