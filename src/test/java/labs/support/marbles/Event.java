package labs.support.marbles;

/**
 * One signal on a timeline: a value, a completion or an error, at a frame (1 frame = 1 ms of
 * virtual time). {@code symbol} is the character that draws it ({@code a}, {@code |}, {@code #}).
 */
public record Event(long frame, Kind kind, char symbol) {

    public enum Kind { NEXT, COMPLETE, ERROR }

    public static Event next(long frame, char symbol) {
        return new Event(frame, Kind.NEXT, symbol);
    }

    public static Event complete(long frame) {
        return new Event(frame, Kind.COMPLETE, '|');
    }

    public static Event error(long frame) {
        return new Event(frame, Kind.ERROR, '#');
    }

    public boolean isTerminal() {
        return kind != Kind.NEXT;
    }
}
