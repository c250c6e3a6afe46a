package labs.level06_performance.lab15_bounded_pool;

import java.util.List;

/**
 * What one {@link BoundedWorkers#runAll} did with its jobs: those that ran (in completion order)
 * and the ids of those refused (in submission order). Together they name every job exactly once.
 */
public record Report(List<Settled.Ran> ran, List<Integer> refused) {

    public Report {
        ran = List.copyOf(ran);
        refused = List.copyOf(refused);
    }

    /** The report of a stream of settlements, as the reactive cores emit them. */
    static Report of(List<Settled> settled) {
        return new Report(
                settled.stream().filter(Settled.Ran.class::isInstance).map(Settled.Ran.class::cast).toList(),
                settled.stream().filter(Settled.Refused.class::isInstance).map(Settled::jobId).toList());
    }

    public List<Integer> ranIds() {
        return ran.stream().map(Settled.Ran::jobId).toList();
    }

    /** How many jobs ran and failed (their exception is in their {@link Settled.Ran#result()}). */
    public long failedCount() {
        return ran.stream().filter(r -> !r.result().succeeded()).count();
    }
}
