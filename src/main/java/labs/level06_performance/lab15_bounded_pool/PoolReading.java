package labs.level06_performance.lab15_bounded_pool;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a pool table showed, in words computed from its rows — never a claim the rows could contradict. */
final class PoolReading {

    private PoolReading() {
    }

    /** The sizing sweep: Little's estimate against the measured mean in use, and where each pool stopped turning clients away. */
    static String sizing(List<PoolMeasurement.Row> rows, PoolLoad load) {
        StringBuilder out = new StringBuilder();
        List<String> impls = rows.stream().map(PoolMeasurement.Row::impl).distinct().toList();
        out.append("This run: mean connections in use at the largest size tried: ");
        out.append(impls.stream().map(impl -> {
            PoolMeasurement.Row largest = rows.stream().filter(r -> r.impl().equals(impl)).reduce((a, b) -> b.size() >= a.size() ? b : a).orElseThrow();
            double servedPerSecond = load.perSecond() * largest.count(PoolMeasurement.Fate.SERVED) / largest.clients();
            return impl + " " + "%.2f".formatted(largest.meanInUse()) + " at size " + largest.size() + " (λ·h with the hold it measured, "
                    + "%.1f ms: %.2f)".formatted(largest.meanHoldMillis(), servedPerSecond * largest.meanHoldMillis() / 1000);
        }).collect(Collectors.joining(", "))).append("; the estimate before the run, with h = ").append(load.hold().toMillis())
                .append(" ms: ").append("%.2f".formatted(load.littlesL())).append(".\n");
        List<PoolMeasurement.Row> shortOf = rows.stream().filter(r -> r.turnedAway() > 0).toList();
        out.append(shortOf.isEmpty() ? "No size turned a client away."
                : "Turned away (timed out or refused): " + shortOf.stream().map(r -> r.impl() + " at size " + r.size() + ": " + r.turnedAway() + " of " + r.clients())
                        .collect(Collectors.joining(", ")) + ".");
        out.append('\n');
        out.append("The smallest size that turned nobody away with a p99 wait under the hold time (").append(load.hold().toMillis()).append(" ms): ");
        out.append(impls.stream().map(impl -> impl + " " + smallestServingEveryone(rows, impl, load)).collect(Collectors.joining(", "))).append(".\n");
        out.append("A pool of L = λ·h connections is busy all the time on average, so every burst waits: size it above L, by what the waits allow.");
        return out.toString();
    }

    private static String smallestServingEveryone(List<PoolMeasurement.Row> rows, String impl, PoolLoad load) {
        return rows.stream()
                .filter(r -> r.impl().equals(impl) && r.turnedAway() == 0 && r.p99WaitMillis() < load.hold().toMillis())
                .mapToInt(PoolMeasurement.Row::size).min().stream().mapToObj(String::valueOf).findFirst().orElse("none tried");
    }

    static String scenario(List<PoolMeasurement.Row> rows, String scenario, PoolLoad load) {
        StringBuilder out = new StringBuilder("This run: ");
        switch (scenario) {
            case BoundedPoolExperiment.POOL_EXHAUSTION -> {
                out.append("holding ").append(load.hold().toMillis()).append(" ms each, the clients need L = ").append("%.0f".formatted(load.littlesL()))
                        .append(" connections. Turned away: ")
                        .append(rows.stream().map(r -> r.impl() + " " + r.count(PoolMeasurement.Fate.TIMED_OUT) + " timed out, "
                                + r.count(PoolMeasurement.Fate.REFUSED) + " refused").collect(Collectors.joining("; "))).append(".\n");
                rows.stream().map(PoolMeasurement.Row::firstError).filter(e -> e != null).findFirst()
                        .ifPresent(e -> out.append("The first error a client got: ").append(e).append('\n'));
                out.append("Nothing hung: the longest any client took, served or not: ")
                        .append(rows.stream().map(r -> r.impl() + " " + "%.0f ms".formatted(r.longestMillis())).collect(Collectors.joining(", ")))
                        .append(" (timeout ").append(load.timeout().toMillis()).append(" ms, hold ").append(load.hold().toMillis()).append(" ms).");
            }
            case BoundedPoolExperiment.LEAKED_RESOURCE -> {
                for (PoolMeasurement.Row r : rows) {
                    out.append(r.impl()).append(": ").append(r.count(PoolMeasurement.Fate.LEAKED)).append(" connections never given back; ")
                            .append(r.turnedAway()).append(" clients turned away as the pool shrank.\n  leak report (held over ")
                            .append(load.hold().multipliedBy(5).toMillis()).append(" ms): ").append(r.leaks().size()).append(" lease(s)")
                            .append(r.leaks().isEmpty() ? "" : ", the longest: " + r.leaks().getFirst()).append("\n  on close: ")
                            .append(r.closed()).append('\n');
                }
                out.append("A leaked connection is a place lost for ever: the pool cannot tell a slow client from a gone one, so it names both.");
            }
            default -> {
                for (PoolMeasurement.Row r : rows) {
                    out.append(r.impl()).append(": ").append(r.count(PoolMeasurement.Fate.GAVE_UP)).append(" gave up; ")
                            .append(r.stillLent() == 0 ? "nothing still lent afterwards" : r.stillLent() + " connection(s) still lent afterwards — LEAKED")
                            .append(".\n");
                }
                Optional<PoolMeasurement.Row> leaky = rows.stream().filter(r -> r.stillLent() > 0).findFirst();
                out.append(leaky.map(r -> "Giving up is a cancel; " + r.impl() + " gives a connection back only after a value, so each client that gave up mid-use kept one.")
                        .orElse("Every pool got back what the clients that gave up held: a cancel, like an interrupt, leaves nothing behind."));
            }
        }
        return out.toString();
    }
}
