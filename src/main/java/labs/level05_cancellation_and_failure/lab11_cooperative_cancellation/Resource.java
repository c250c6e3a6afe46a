package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

/**
 * What a job holds from its first step to its last — a connection, a file, a lease — and must free
 * however it ends: completed, failed or cancelled. Every implementation releases it exactly once,
 * and only after the last step that uses it has returned.
 *
 * <p>{@link #release()} may take a moment (a flush, a goodbye message). It is cleanup, not work: a
 * cancellation must never cut it short (contract clause 6), so it runs without a pending interrupt.
 */
@FunctionalInterface
public interface Resource {

    /** Frees what the job held. Called exactly once per acquired resource. */
    void release();
}
