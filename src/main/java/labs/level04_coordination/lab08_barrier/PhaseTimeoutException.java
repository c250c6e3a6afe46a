package labs.level04_coordination.lab08_barrier;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A phase's parties did not all arrive within the phase timeout: the barrier broke instead of
 * waiting for ever, naming the parties that were missing when it did.
 */
public final class PhaseTimeoutException extends BarrierBrokenException {

    private final List<Integer> missing;
    private final Duration timeout;

    public PhaseTimeoutException(int phase, List<Integer> missing, Duration timeout) {
        super(phase, message(phase, missing, timeout), null);
        this.missing = List.copyOf(missing);
        this.timeout = timeout;
    }

    /** The parties that had not arrived when the phase broke, in party order. */
    public List<Integer> missingParties() {
        return missing;
    }

    public Duration timeout() {
        return timeout;
    }

    private static String message(int phase, List<Integer> missing, Duration timeout) {
        String within = "within " + timeout.toMillis() + " ms";
        return switch (missing.size()) {
            // Every party had arrived by the time the timeout was handled: it lost the race by a hair.
            case 0 -> "phase " + phase + " broken: not every party had arrived " + within;
            case 1 -> "phase " + phase + " broken: party " + missing.getFirst() + " did not arrive " + within;
            default -> "phase " + phase + " broken: parties " + missing.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " did not arrive " + within;
        };
    }
}
