package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The lab06 contract, met by every implementation and checked by one contract test. See the lab's
 * README.md for the spec.
 *
 * <ul>
 *   <li>Fan-out: every branch starts at once, each on its own worker; none waits for another.</li>
 *   <li>Fan-in, in order: {@link #gather} returns the branches' values in <em>branch</em> order,
 *       whatever order they finish in.</li>
 *   <li>Fail fast: if a branch throws, {@code gather} throws {@link BranchFailedException} for the
 *       first failure and stops every sibling still running (interrupt or cancel); none is left
 *       running for nobody.</li>
 *   <li>Delay errors: {@link #gatherAll} lets every branch finish and returns each one's outcome,
 *       value or failure, in branch order: the partial results are kept.</li>
 *   <li>A branch that returns null has failed: {@code gather} throws
 *       {@code BranchFailedException("branch 1 returned null")}, {@code gatherAll} reports it as that
 *       branch's failure — the same in all four (a reactive stream cannot carry null).</li>
 *   <li>Bad input fails before anything starts: a null or empty branch list, a null branch.</li>
 * </ul>
 */
public interface FanOutFanIn {

    /** A short name, as used by {@code labs run lab06 --impl NAME}. */
    String name();

    /** All branches at once; their values in branch order; the first failure stops the rest. */
    <R> List<R> gather(List<Callable<R>> branches);

    /** All branches at once, all to the end; every outcome, in branch order. */
    <R> List<BranchOutcome<R>> gatherAll(List<Callable<R>> branches);

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
