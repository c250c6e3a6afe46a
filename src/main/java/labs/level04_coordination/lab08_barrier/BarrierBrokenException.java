package labs.level04_coordination.lab08_barrier;

/**
 * A phase could not complete, so the run ended there: a party failed in it
 * ({@link PartyFailedException}) or did not arrive in time ({@link PhaseTimeoutException}). Every
 * other party was released, and no later phase started.
 *
 * <p>For the thread-based implementations, how each other party learned of it is attached as a
 * suppressed exception ({@code BrokenBarrierException} at a {@code CyclicBarrier}, a
 * {@code CancellationException} at a terminated {@code Phaser}, a {@link PartyFailedException}
 * caused by an {@code InterruptedException} for a party interrupted in its work); the reactive ones
 * cancel the other parties instead.
 */
public abstract sealed class BarrierBrokenException extends RuntimeException permits PartyFailedException, PhaseTimeoutException {

    private final int phase;

    BarrierBrokenException(int phase, String message, Throwable cause) {
        super(message, cause);
        this.phase = phase;
    }

    /** The phase that broke (from 0). */
    public int phase() {
        return phase;
    }
}
