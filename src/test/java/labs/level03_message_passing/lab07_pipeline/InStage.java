package labs.level03_message_passing.lab07_pipeline;

import java.util.concurrent.CountDownLatch;
import labs.support.Watch;
import reactor.core.scheduler.Schedulers;

/**
 * Bounded waits for a test's stage function, which runs on whatever thread the implementation gives
 * it. Where that thread may block it waits on the latch ({@link Watch#await}); on a non-blocking
 * thread (the Reactor pipeline's) BlockHound rejects parking — and {@code Thread.onSpinWait()},
 * {@code yield()}, {@code sleep()} — so it spins bare on the latch's count, with the same bound.
 * Either way a wait that never ends becomes an {@link AssertionError} naming what never happened.
 */
final class InStage {

    private InStage() {
    }

    /** Waits until {@code event} opens; an interrupt ends the wait with an {@link IllegalStateException}, as a blocking client's would. */
    static void await(String what, CountDownLatch event) {
        if (Schedulers.isInNonBlockingThread()) {
            spin(what, event);
            return;
        }
        try {
            Watch.await(what, event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for: " + what, e);
        }
    }

    /** Waits until {@code event} opens, whatever happens meanwhile: a stage that ignores being told to stop. */
    static void awaitIgnoringInterrupts(String what, CountDownLatch event) {
        if (Schedulers.isInNonBlockingThread()) {
            spin(what, event);
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                Watch.await(what, event);
                break;
            } catch (InterruptedException ignored) {
                interrupted = true; // the point of this stage: it does not stop when asked
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void spin(String what, CountDownLatch event) {
        Watch.spinUntil(what, () -> event.getCount() == 0);
    }
}
