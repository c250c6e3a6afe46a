package labs.support.marbles;

/**
 * A malformed diagram: the message is one line, {@code file:line:column: what is wrong}.
 *
 * <p>It carries no stack trace on purpose: the frames would point into the parser, while the
 * mistake is in the diagram, and the position in the message is the only place worth looking.
 */
public final class MarbleSyntaxException extends RuntimeException {

    public MarbleSyntaxException(Position where, String problem) {
        super(where + ": " + problem, null, false, false);
    }
}
