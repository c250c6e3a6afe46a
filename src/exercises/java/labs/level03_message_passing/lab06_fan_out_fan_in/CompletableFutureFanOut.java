package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.List;
import java.util.concurrent.Callable;
import labs.support.Result;

/**
 * YOUR virtual-thread fan-out / fan-in (lab06): one {@code CompletableFuture} per branch, each on a
 * virtual thread of its own. The contract is {@link FanOutFanIn}'s; the lab's contract test, its
 * leak check and its experiment ({@code labs run lab06 --impl virtual}) run against this class.
 *
 * <p>What to watch: {@code CompletableFuture.allOf} waits for every branch, failed or not, and
 * {@code cancel(true)} does not interrupt the thread running a branch. When one branch fails, its
 * siblings must be stopped (interrupted) and no further branch started; and when {@code gather}
 * returns or throws, no thread it started may still be running. End the threads you start with
 * {@code labs.support.Threads}, handing it the failure already on its way out.
 */
public final class CompletableFutureFanOut implements FanOutFanIn {

    @Override
    public String name() {
        return "virtual";
    }

    /**
     * Every branch at once, each on its own virtual thread; the values in branch order. The first
     * branch to fail makes {@code gather} throw {@link BranchFailedException} naming it (see
     * {@link Branch#call}), after its running siblings have been interrupted and every thread has
     * ended; a sibling's {@code InterruptedException} never replaces it. An {@link Error} is thrown
     * as it is, after the threads have ended.
     */
    @Override
    public <R> List<R> gather(List<Callable<R>> branches) {
        throw new UnsupportedOperationException("TODO(lab06): start a virtual thread per branch, stop the siblings at the first "
                + "failure, wait for every thread to end, then return the values in branch order or throw that first failure");
    }

    /**
     * Every branch at once, every one to its end; how each ended ({@link Branch#settle}), in branch
     * order. Nothing is stopped because a branch failed; an {@link Error} is thrown as it is, after
     * the threads have ended.
     */
    @Override
    public <R> List<Result<R>> gatherAll(List<Callable<R>> branches) {
        throw new UnsupportedOperationException("TODO(lab06): start a virtual thread per branch, let every one finish, "
                + "and return each one's Result in branch order once every thread has ended");
    }
}
