package labs.support;

import java.util.Objects;

/**
 * One value an option takes, with a line that says what choosing it does: an implementation for
 * {@code --impl}, a failure scenario for {@code --inject}. {@code labs run LAB --help} lists them.
 */
public record Choice(String name, String summary) {
    public Choice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
    }
}
