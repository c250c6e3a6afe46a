package labs.support.marbles;

/** Where a piece of diagram text sits, for error messages: file, 1-based line and 1-based column. */
public record Position(String file, int line, int column) {

    /** The position {@code offset} characters to the right of this one (same line). */
    public Position plus(int offset) {
        return new Position(file, line, column + offset);
    }

    /** {@code file:line:column}, the form editors and terminals turn into a link. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
