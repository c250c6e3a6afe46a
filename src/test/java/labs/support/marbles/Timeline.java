package labs.support.marbles;

import java.util.List;

/**
 * A parsed marble line: its events in order, and its length in frames (the frame just after its
 * last character — how far the diagram draws, used to know how long to run).
 *
 * <p>Frames are counted from the subscription: for a hot line with {@code ^} the events before
 * the {@code ^} have negative frames (they happened before anyone subscribed).
 */
public record Timeline(String text, Position position, List<Event> events, long length, boolean hasSubscriptionPoint) {

    public Timeline {
        events = List.copyOf(events);
    }

    /** The events strictly before {@code frame}: what a subscriber cancelled at that frame has seen. */
    public List<Event> before(long frame) {
        return events.stream().filter(e -> e.frame() < frame).toList();
    }

    /** The frame of the last event, or -1 when the line has none. */
    public long lastEventFrame() {
        return events.isEmpty() ? -1 : events.get(events.size() - 1).frame();
    }
}
