package labs.level04_coordination.lab09_run_once;

/**
 * A caller was interrupted while it waited for a run on another thread (the reactive
 * implementations: the initializer runs on a scheduler). It stopped waiting; the run was not its
 * own, so whether the run goes on is the implementation's business (FAILURE.md §3). The caller's
 * interrupt flag is set again when this is thrown.
 */
public final class WaitInterruptedException extends RuntimeException {

    public WaitInterruptedException(InterruptedException cause) {
        super("interrupted while waiting for the initialization; the caller stopped waiting", cause);
    }
}
