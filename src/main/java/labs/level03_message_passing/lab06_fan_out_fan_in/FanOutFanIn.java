package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import labs.support.Implementation;
import labs.support.Implementations;
import labs.support.Result;

/**
 * The lab06 contract, met by every implementation and checked by one contract test. See the lab's
 * README.md for the spec.
 *
 * <ol>
 *   <li>Fan-out: every branch starts at once, each on its own worker; none waits for another.</li>
 *   <li>Fan-in, in order: {@link #gather} returns the branches' values in <em>branch</em> order,
 *       whatever order they finish in. Every branch runs exactly once.</li>
 *   <li>Fail fast: if a branch throws, {@code gather} throws {@link BranchFailedException} for the
 *       first failure and stops every sibling still running (interrupt or cancel); none is left
 *       running for nobody.</li>
 *   <li>Delay errors: {@link #gatherAll} lets every branch finish and returns how each one ended, a
 *       {@link Result} (its value, or the exception it threw), in branch order: the partial results
 *       are kept.</li>
 *   <li>A branch that returns null has failed: {@code gather} throws
 *       {@code BranchFailedException("branch 1 returned null")}, {@code gatherAll} reports that
 *       exception as the branch's failure — the same in all four (a reactive stream cannot carry null).</li>
 *   <li>An {@link Error} thrown by a branch is not a branch failure: both calls rethrow it as it is
 *       (after the branches have ended, where the implementation owns their threads).</li>
 *   <li>Bad input fails before anything starts: a null or empty branch list, a null branch.</li>
 * </ol>
 */
public interface FanOutFanIn {

    /**
     * Every implementation, by the name {@code --impl} takes; the contract test runs each of them
     * ({@code IMPLEMENTATIONS.create("reactor").get()}).
     */
    Implementations<Supplier<FanOutFanIn>> IMPLEMENTATIONS = Implementations.of("lab06",
            new Implementation<>("platform", "N platform threads per call; ExecutorCompletionService.take() sees the first failure; shutdownNow", CompletionServiceFanOut::new),
            new Implementation<>("virtual", "a CompletableFuture per branch on its own virtual thread; the first failure shutdownNow()s the rest", CompletableFutureFanOut::new),
            new Implementation<>("reactor", "flatMapSequential(branch -> fromCallable(branch).subscribeOn(boundedElastic()), N)", ReactorFanOut::new),
            new Implementation<>("rxjava", "concatMapEager(branch -> create(branch).subscribeOn(io()), N, 1)", RxJavaFanOut::new));

    /** A short name, as used by {@code labs run lab06 --impl NAME}. */
    String name();

    /** All branches at once; their values in branch order; the first failure stops the rest. */
    <R> List<R> gather(List<Callable<R>> branches);

    /** All branches at once, all to the end; how each ended, in branch order. */
    <R> List<Result<R>> gatherAll(List<Callable<R>> branches);

    /** Bad input fails before anything starts, with a message that names the problem. */
    static <R> List<Callable<R>> checkBranches(List<Callable<R>> branches) {
        Objects.requireNonNull(branches, "branches must not be null");
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("branches must not be empty: a fan-out needs at least one branch");
        }
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i) == null) {
                throw new NullPointerException("branches[" + i + "] is null");
            }
        }
        return List.copyOf(branches);
    }
}
