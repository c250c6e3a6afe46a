package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place a job's ending is decided: {@link #cancel} (from the handle) and {@link #settle}
 * (from the job, when its last step has returned or one has failed) race for it, and exactly one
 * wins — one compare-and-set on one field. Every implementation decides its ending here, so "exactly
 * one of cancelled and completed" is proven once, by {@code JobEndingLincheckTest}.
 *
 * <p>It is also the job's cancellation flag ({@link #cancelRequested}, read between steps), and it
 * keeps a cancel's interrupt out of the cleanup. A winning cancel runs its {@code stopper}
 * (interrupt the job's thread, dispose its subscription) while the state says {@code STOPPING}; the
 * job, before it releases its resource, calls {@link #awaitStopper()}, so no interrupt can land
 * after that point and cut the release short — the same hand-shake {@code FutureTask} makes its
 * runner do (its {@code INTERRUPTING} state), which a {@code Future.cancel(true)} caller does not
 * get for code running in the task's own {@code finally} ({@link FutureCancelRunner}).
 */
public final class JobEnding {

    private static final int RUNNING = 0;
    /** A cancel has won and is running its stopper: an interrupt may still be on its way. */
    private static final int STOPPING = 1;
    private static final int CANCELLED = 2;
    private static final int COMPLETED = 3;
    private static final int FAILED = 4;

    private final AtomicInteger state = new AtomicInteger(RUNNING);

    /** The flag the job checks between steps: true once a cancel has won, even while its stopper still runs. */
    public boolean cancelRequested() {
        int s = state.get();
        return s == STOPPING || s == CANCELLED;
    }

    /**
     * Cancels the job unless it has already ended: on winning, runs {@code stopper} once (it must not
     * wait for the job: the job may be waiting in {@link #awaitStopper()} for it), then records the
     * ending as {@link Ending#CANCELLED}.
     *
     * @return whether this call decided the ending (false: the job had ended, or another cancel won)
     */
    public boolean cancel(Runnable stopper) {
        Objects.requireNonNull(stopper, "stopper");
        if (!state.compareAndSet(RUNNING, STOPPING)) {
            return false;
        }
        try {
            stopper.run();
        } finally {
            state.set(CANCELLED);
        }
        return true;
    }

    /**
     * The job's own end, {@link Ending#COMPLETED} or {@link Ending#FAILED}: it stands unless a cancel
     * won first. Returns the ending that stands (never waits).
     */
    public Ending settle(Ending own) {
        if (own == Ending.CANCELLED || own == null) {
            throw new IllegalArgumentException("a job settles as COMPLETED or FAILED; CANCELLED is decided by cancel() (got " + own + ")");
        }
        state.compareAndSet(RUNNING, own == Ending.COMPLETED ? COMPLETED : FAILED);
        return ending();
    }

    /**
     * Returns once a winning cancel's stopper has returned (at once if no cancel won). A job thread
     * calls it before its cleanup, then clears its interrupt flag: from here on no interrupt of ours
     * can arrive. Spins: a stopper is one non-blocking call (an interrupt, a dispose).
     */
    public void awaitStopper() {
        while (state.get() == STOPPING) {
            Thread.onSpinWait();
        }
    }

    /** The ending decided so far: null while the job runs and nobody has cancelled it. */
    public Ending ending() {
        return switch (state.get()) {
            case RUNNING -> null;
            case STOPPING, CANCELLED -> Ending.CANCELLED;
            case COMPLETED -> Ending.COMPLETED;
            default -> Ending.FAILED;
        };
    }
}
