package labs.support;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a person asked of one lab's live experiment ({@code labs run <lab> …}). Each option is
 * optional; an experiment reads the ones it understands through the checked accessors below, so
 * every lab rejects bad input with the same kind of one-line message.
 */
public record ExperimentOptions(Optional<String> impl, Optional<String> inject, OptionalInt workers, OptionalInt tasks) {

    public static ExperimentOptions defaults() {
        return new ExperimentOptions(Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    /** The chosen implementations: the one named, or all of {@code allowed} when none was. */
    public List<String> implsOf(String labId, List<String> allowed) {
        return impl.map(name -> List.of(oneOf(labId, "implementation", "--impl", name, allowed))).orElse(allowed);
    }

    /** The failure scenario to inject, if one was named and it is one of {@code allowed}. */
    public Optional<String> scenarioOf(String labId, List<String> allowed) {
        return inject.map(name -> oneOf(labId, "scenario", "--inject", name, allowed));
    }

    public int workersOr(int fallback, int max) {
        return within("--workers", workers, fallback, max);
    }

    public int tasksOr(int fallback, int max) {
        return within("--tasks", tasks, fallback, max);
    }

    private static String oneOf(String labId, String what, String option, String name, List<String> allowed) {
        if (allowed.isEmpty()) {
            throw new BadInputException(labId + " has no " + what + " to choose: drop " + option);
        }
        if (!allowed.contains(name)) {
            throw new BadInputException("unknown " + what + " '" + name + "' for " + labId + " (" + option + "); allowed: "
                    + String.join(", ", allowed));
        }
        return name;
    }

    private static int within(String option, OptionalInt value, int fallback, int max) {
        if (value.isEmpty()) {
            return fallback;
        }
        int v = value.getAsInt();
        if (v < 1 || v > max) {
            throw new BadInputException(option + " must be a whole number from 1 to " + max + " (got " + v + ")");
        }
        return v;
    }
}
