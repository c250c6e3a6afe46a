package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import labs.support.Result;

/**
 * One branch of a fan-out: its position in the request ({@code index}, which names it in a failure
 * and fixes its slot in the answer) and the work it does.
 *
 * <p>{@link #call} and {@link #settle} run the branch on the calling thread and give every
 * implementation the same reading of how it ended: a value; an exception (the branch's own
 * failure); {@code null} (a failure too: no reactive stream can carry it, so nobody passes it on);
 * or an {@link Error}, which is not the branch's failure but the JVM's or the harness's, and
 * propagates as it is.
 */
public record Branch<R>(int index, Callable<R> body) {

    public Branch {
        Objects.requireNonNull(body, () -> "branch " + index + " has no body");
    }

    /** The checked branches, numbered in the order given. */
    static <R> List<Branch<R>> of(List<Callable<R>> branches) {
        List<Callable<R>> checked = FanOutFanIn.checkBranches(branches);
        return IntStream.range(0, checked.size()).mapToObj(i -> new Branch<>(i, checked.get(i))).toList();
    }

    /** For {@code gather}: the value, or {@link BranchFailedException} naming this branch. */
    public R call() {
        R value;
        try {
            value = body.call();
        } catch (Exception e) {
            throw new BranchFailedException(index, e);
        }
        if (value == null) {
            throw BranchFailedException.returnedNull(index);
        }
        return value;
    }

    /** For {@code gatherAll}: how it ended, the branch's own exception kept as it was thrown. */
    public Result<R> settle() {
        return Result.of(() -> {
            R value = body.call();
            if (value == null) {
                throw BranchFailedException.returnedNull(index);
            }
            return value;
        });
    }
}
