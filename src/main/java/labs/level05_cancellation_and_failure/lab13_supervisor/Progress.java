package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the supervisor keeps for one child, outside any worker — so it survives every restart: how
 * far the child has got (inputs handled or moved aside, in order), how often the input at that
 * position has crashed a worker, and how many incarnations were started. What a worker keeps in its
 * own fields is not here: a restart loses it.
 *
 * <p>One writer at a time: each implementation touches a child's progress only from the one serialized
 * place that supervises it (the supervisor thread; the reactive unit's signals, which are serialized
 * and ordered by the operators). The fields are volatile so a reader on the next thread sees the last
 * write; nothing here locks.
 */
final class Progress {

    private final Child child;
    private final int poisonAfter;
    private volatile int position;
    private volatile int attempts;
    private volatile int incarnations;

    Progress(Child child, RestartPolicy policy) {
        this.child = child;
        this.poisonAfter = policy.maxAttemptsPerInput();
    }

    /** The progress of each child, in the children's order. */
    static List<Progress> of(List<Child> children, RestartPolicy policy) {
        List<Progress> all = new ArrayList<>(children.size());
        children.forEach(child -> all.add(new Progress(child, policy)));
        return List.copyOf(all);
    }

    Child child() {
        return child;
    }

    String name() {
        return child.name();
    }

    /** Whether inputs are left: a child with none is done, and is not started again. */
    boolean hasWork() {
        return position < child.inputs().size();
    }

    /** The inputs a new incarnation must handle: everything from the position on. */
    List<String> remaining() {
        return child.inputs().subList(position, child.inputs().size());
    }

    /** A new incarnation begins: its number (1 for the first start). */
    int startIncarnation() {
        return ++incarnations;
    }

    /** {@code input} was handled: the position moves past it and its crash count is forgotten. */
    void handled(String input) {
        if (!hasWork() || !child.inputs().get(position).equals(input)) {
            throw new IllegalStateException("child '" + name() + "' handled '" + input + "' out of order (expected position " + position + ")");
        }
        position++;
        attempts = 0;
    }

    /**
     * The supervisor's rule for a crash, the same in every implementation: the crash is recorded,
     * and an input that has now crashed a worker {@code maxAttemptsPerInput} times is moved aside
     * (the position moves past it). A crash on start blames no input.
     */
    List<Event> crashed(int incarnation, Optional<String> input, Exception cause, long at) {
        List<Event> events = new ArrayList<>(2);
        events.add(new Event.Crashed(name(), incarnation, input, cause, at));
        if (input.isPresent() && hasWork() && child.inputs().get(position).equals(input.get()) && ++attempts >= poisonAfter) {
            events.add(new Event.MovedAside(name(), input.get(), attempts, at));
            position++;
            attempts = 0;
        }
        return events;
    }
}
