package labs.level04_coordination.lab09_run_once;

/**
 * The initializer failed: thrown by {@link RunOnce#get}, a new one for every call, with what the
 * initializer threw as its cause. A new wrapper per call is what lets an implementation that caches
 * the failure hand the same cause to every caller without anyone adding to it (a suppressed
 * exception per {@code block()}, FAILURE.md §2).
 */
public final class InitFailedException extends RuntimeException {

    public InitFailedException(Throwable cause) {
        super("initialization failed: " + cause, cause);
    }
}
