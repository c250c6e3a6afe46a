package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import labs.support.Threads;

/**
 * The handle of a job that runs as a subscription (Reactor's and RxJava's blocking edge): the
 * callbacks the edge subscribes with, and the waits behind {@code cancel()} and {@code await()}.
 *
 * <p>The ending is decided by the same {@link JobEnding} as the thread versions: the last item
 * settles {@code COMPLETED} (before the cleanup runs, so a cancel during the release changes
 * nothing), an error settles {@code FAILED}, a cancel disposes the subscription. {@code dispose()}
 * returns at once, without waiting for a step still running; so {@code cancel()} then waits for the
 * {@link HeldResource} to be released (which waits for the last step to return) and for the stream's
 * {@code doFinally}, both bounded by {@link Threads#END_WITHIN}.
 */
final class SubscribedJob implements RunningJob {

    private final String owner;
    private final int steps;
    private final JobEnding ending = new JobEnding();
    private final HeldResource held = new HeldResource();
    private final AtomicInteger items = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Runnable dispose;

    SubscribedJob(String owner, int steps) {
        this.owner = owner;
        this.steps = steps;
    }

    JobEnding ending() {
        return ending;
    }

    HeldResource held() {
        return held;
    }

    /** The subscription's {@code dispose}, once subscribed (before the handle is handed out). */
    SubscribedJob subscribed(Runnable dispose) {
        this.dispose = dispose;
        return this;
    }

    /**
     * Acquires through the holder; an acquire that fails because the job was cancelled meanwhile
     * (its interrupt) is not a failure: nobody listens any more. Thrown, it would travel the whole
     * chain to a disposed subscriber and be reported from the scheduler's thread, by
     * {@code Hooks.onErrorDropped} (logged) or {@code RxJavaPlugins.onError} (an
     * {@code UndeliverableException}) — {@code aCancelledStepsLateFailureReachesNoGlobalErrorHandler}.
     */
    HeldResource acquire(Job job) throws Exception {
        try {
            return held.acquire(job.acquire());
        } catch (Exception e) {
            if (ending.cancelRequested()) {
                return held;
            }
            throw e;
        }
    }

    /**
     * Runs one step through the holder; null (nothing) once the release was requested. A step that
     * fails because it was cancelled needs no catch here: {@code subscribeOn} straight on a
     * {@code Mono.fromCallable} (Reactor) and {@code tryOnError} (RxJava) drop it quietly.
     */
    Long step(Job job, int index) throws Exception {
        return held.use(job.step(), index);
    }

    void onItem(Object item) {
        if (items.incrementAndGet() == steps) {
            ending.settle(Ending.COMPLETED); // every step has returned: the job's own end, before its cleanup
        }
    }

    void onError(Throwable error) {
        failure.set(error);
        ending.settle(Ending.FAILED);
        held.release(); // a failed acquire left the cleanup nothing to do: the holder must still say "released"
    }

    void onComplete() {
        ending.settle(Ending.COMPLETED); // a job of 0 steps has no last item
        held.release();
    }

    /** The stream's {@code doFinally}: after the terminal callbacks above, or during a cancel. */
    void onFinally() {
        terminated.countDown();
    }

    @Override
    public Report cancel() {
        ending.cancel(dispose);
        // Bounded, and not cut short by an interrupt of the caller's (restored afterwards), as in labs.support.Threads.
        long deadline = System.nanoTime() + Threads.END_WITHIN.toNanos();
        boolean interrupted = false;
        boolean released = false;
        boolean over = false;
        while (true) {
            try {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                released = released || held.awaitReleased(left);
                over = terminated.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!released || !over) {
            throw new IllegalStateException(owner + ": " + (released ? "its stream has not terminated" : "a step has not returned, so its resource is still held")
                    + " " + Threads.END_WITHIN.toMillis() + " ms after being cancelled");
        }
        return report();
    }

    @Override
    public Report await() {
        try {
            terminated.await();
            held.awaitReleased(Threads.END_WITHIN); // already released: the cleanup runs before the terminal signal
        } catch (InterruptedException e) {
            Report cancelled = cancel();
            Thread.currentThread().interrupt();
            return cancelled;
        }
        return report();
    }

    private Report report() {
        Ending decided = ending.ending();
        Throwable error = failure.get();
        if (decided == Ending.FAILED && error instanceof Error e) {
            throw e; // not the job's failure: as it is
        }
        return Report.of(decided, items.get(), decided == Ending.FAILED ? (Exception) error : null);
    }
}
