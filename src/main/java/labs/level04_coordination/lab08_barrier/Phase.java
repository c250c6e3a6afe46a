package labs.level04_coordination.lab08_barrier;

import java.util.List;
import java.util.Objects;

/**
 * One completed phase: its number (from 0) and what each party produced in it, in party order.
 * In a run where parties leave ({@link PhaserParties#run(List, PartyWork)}), only the parties still
 * registered in that phase have a value.
 */
public record Phase<T>(int number, List<T> values) {
    public Phase {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
    }
}
