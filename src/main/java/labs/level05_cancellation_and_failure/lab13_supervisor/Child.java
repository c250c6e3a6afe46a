package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One supervised child: its name (unique within a supervisor), the inputs it must handle in order,
 * and how to start an incarnation of it.
 *
 * <p>The supervisor, not the worker, keeps the child's progress — how many inputs have been handled
 * or moved aside, and how often the input at that position has crashed a worker — so that survives a
 * restart; the worker the {@link Starter} makes is new every time, so what it keeps does not.
 *
 * @param name    the child's name, as events and reports show it
 * @param inputs  what it handles, in order (copied; no null element)
 * @param starter makes a fresh {@link Worker} at each (re)start; throwing is a crash on start (a
 *                dependency that is down), which no input is blamed for
 */
public record Child(String name, List<String> inputs, Starter starter) {

    /** Starts one incarnation: may block (connect to something), may throw (a crash on start). */
    @FunctionalInterface
    public interface Starter {
        Worker start() throws Exception;
    }

    public Child {
        Objects.requireNonNull(name, "a child's name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a child's name must not be blank");
        }
        Objects.requireNonNull(inputs, () -> "child '" + name + "': inputs must not be null");
        Objects.requireNonNull(starter, () -> "child '" + name + "': starter must not be null");
        List<String> copy = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            String input = inputs.get(i);
            if (input == null) {
                throw new NullPointerException("child '" + name + "': inputs[" + i + "] is null");
            }
            copy.add(input);
        }
        inputs = List.copyOf(copy);
    }
}
