package labs.support.marbles;

/** The error a {@code #} in an input line signals: its message is the legend's text for {@code #}, or "error". */
public final class MarbleError extends RuntimeException {

    public MarbleError(String message) {
        super(message, null, false, false);
    }
}
