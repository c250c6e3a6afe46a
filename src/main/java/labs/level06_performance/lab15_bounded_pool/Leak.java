package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.util.Objects;

/** A connection lent and not given back: which, to whom, for how long so far. */
public record Leak(String connection, String borrower, Duration heldFor) {

    public Leak {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(borrower, "borrower");
        Objects.requireNonNull(heldFor, "heldFor");
    }

    @Override
    public String toString() {
        return connection + " held by '" + borrower + "' for " + heldFor.toMillis() + " ms, not released";
    }
}
