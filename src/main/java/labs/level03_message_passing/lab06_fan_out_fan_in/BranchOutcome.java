package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.concurrent.Callable;

/** One branch's outcome in {@link FanOutFanIn#gatherAll}: its value, or the failure it threw. */
public record BranchOutcome<R>(int branch, R value, Throwable failure) {

    public boolean succeeded() {
        return failure == null;
    }

    static <R> BranchOutcome<R> of(int branch, Callable<R> body) {
        R value;
        try {
            value = body.call();
        } catch (Exception | Error e) {
            return new BranchOutcome<>(branch, null, e);
        }
        // null is not a value any implementation can carry: an outcome of failure, the same in all four.
        return value == null ? new BranchOutcome<>(branch, null, BranchFailedException.returnedNull(branch)) : new BranchOutcome<>(branch, value, null);
    }
}
