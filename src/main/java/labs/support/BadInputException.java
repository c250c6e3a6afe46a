package labs.support;

/**
 * Input a person gave that the labs cannot take. Its message is one line that names what was wrong
 * and what is allowed; the CLI prints exactly that line and exits with status 2.
 */
public final class BadInputException extends IllegalArgumentException {
    public BadInputException(String message) {
        super(message);
    }
}
