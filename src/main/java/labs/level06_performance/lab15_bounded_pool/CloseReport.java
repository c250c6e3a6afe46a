package labs.level06_performance.lab15_bounded_pool;

import java.util.List;

/**
 * What closing a pool found: the idle connections it closed, and every lease never given back —
 * a leak, reported by name instead of vanishing with the pool.
 */
public record CloseReport(int closedIdle, List<Leak> neverReleased) {

    public CloseReport {
        neverReleased = List.copyOf(neverReleased);
    }

    public boolean clean() {
        return neverReleased.isEmpty();
    }

    @Override
    public String toString() {
        return "closed " + closedIdle + " idle connection(s); " + (clean() ? "every lease was given back"
                : neverReleased.size() + " never released: " + neverReleased);
    }
}
