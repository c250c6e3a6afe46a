package labs.support;

import java.util.Objects;

/**
 * One implementation of a lab's contract, as the CLI ({@code --impl NAME}) and the contract tests
 * (their display names) both see it.
 *
 * @param name    the short name {@code --impl} takes and test reports show ({@code "reactor"})
 * @param summary one line on what it is built from ({@code "flatMap(…, workers) on parallel()"})
 * @param create  how to make one: the lab's factory type (a constructor reference, as a rule)
 * @param <F>     the lab's factory type
 */
public record Implementation<F>(String name, String summary, F create) {

    public Implementation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(create, "create");
        if (!name.matches("[a-z][a-zA-Z0-9-]*")) {
            throw new IllegalArgumentException("an implementation's name is what --impl takes: lower-case letters, digits and '-' (got '" + name + "')");
        }
    }

    /** Test reports print parameters with toString: the name is what a reader looks for there. */
    @Override
    public String toString() {
        return name;
    }
}
