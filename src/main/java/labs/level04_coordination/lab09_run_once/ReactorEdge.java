package labs.level04_coordination.lab09_run_once;

import labs.support.Result;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * The blocking edge the three Reactor implementations share: waits, on the caller's thread, for one
 * signal of a cached {@code Mono} and turns it into {@link RunOnce#get}'s answer.
 *
 * <p>Why the error travels as a value ({@link Result}) through {@code block()}: {@code block()} adds
 * a suppressed {@code "#block terminated with an error"} to the exception it rethrows, believing it
 * "always a new non-singleton instance" (reactor-core 3.8.7, {@code BlockingSingleSubscriber}). A
 * cached error is the same instance for every caller, so a thousand callers would leave a thousand
 * suppressed exceptions on it (reactor-core issue 3371; FAILURE.md §2). Here {@code block()} only
 * ever sees a value, and {@link RunOnce#valueOf} wraps the cause in a new exception per call.
 *
 * <p>A caller interrupted while it waits: {@code block()} cancels its subscription, sets the
 * interrupt flag again and throws; that becomes {@link WaitInterruptedException}. What the cancel
 * does to the run is the operator's business ({@code cache()} lets it go on;
 * {@code cacheInvalidateIf} cancels it when no caller is left waiting).
 */
final class ReactorEdge {

    private ReactorEdge() {
    }

    /** Blocks the calling thread: only ever outside the reactive world, never on {@code parallel()}. */
    static <T> T await(Mono<T> value) {
        Result<T> outcome;
        try {
            outcome = value.map(Result::<T>success)
                    .onErrorResume(error -> Mono.just(Result.failure(error)))
                    .defaultIfEmpty(Result.failure(new NullPointerException(RunOnce.NULL_VALUE)))
                    .block();
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof InterruptedException interrupted) {
                throw new WaitInterruptedException(interrupted); // block() has set the flag again
            }
            throw e;
        }
        return RunOnce.valueOf(outcome);
    }
}
