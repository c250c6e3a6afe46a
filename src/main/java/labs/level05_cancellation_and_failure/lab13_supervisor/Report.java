package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.util.List;

/**
 * Everything a supervised run saw, as {@link Event}s in order, and the views a caller asks for.
 * A run that gave up carries the report up to that moment in its {@link EscalationException}.
 */
public record Report(List<Event> events) {

    public Report {
        events = List.copyOf(events);
    }

    /** The outputs of {@code child}, in the order its inputs were handled: one per handled input. */
    public List<String> outputs(String child) {
        return events.stream().filter(e -> e instanceof Event.Handled && e.child().equals(child))
                .map(e -> ((Event.Handled) e).output()).toList();
    }

    /** The inputs of {@code child} moved aside as poison. */
    public List<String> movedAside(String child) {
        return events.stream().filter(e -> e instanceof Event.MovedAside && e.child().equals(child))
                .map(e -> ((Event.MovedAside) e).input()).toList();
    }

    /** Every start after the first, of any child, in order. */
    public List<Event.Started> restarts() {
        return events.stream().filter(e -> e instanceof Event.Started s && s.isRestart()).map(Event.Started.class::cast).toList();
    }

    /** Every crash, in order. */
    public List<Event.Crashed> crashes() {
        return events.stream().filter(Event.Crashed.class::isInstance).map(Event.Crashed.class::cast).toList();
    }

    /** How many incarnations of {@code child} were started. */
    public long starts(String child) {
        return events.stream().filter(e -> e instanceof Event.Started && e.child().equals(child)).count();
    }
}
