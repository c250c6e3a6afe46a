package labs.level06_performance.lab15_bounded_pool;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One connection lent by a pool: which, to whom, since when — what a leak report needs. Closing
 * the lease gives the connection back ({@code try (Lease lease = pool.acquire(timeout)) { … }}, the
 * imperative way to release on every path); a lease is given back once.
 */
public final class Lease implements AutoCloseable {

    private final Connection connection;
    private final String borrower;
    private final Instant borrowedAt;
    /** The pool's own token for this loan (reactor-pool's {@code PooledRef}), or null. */
    private final Object handle;
    private final Consumer<Lease> giveBack;

    Lease(Connection connection, String borrower, Instant borrowedAt, Object handle, Consumer<Lease> giveBack) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.borrower = Objects.requireNonNull(borrower, "borrower");
        this.borrowedAt = Objects.requireNonNull(borrowedAt, "borrowedAt");
        this.handle = handle;
        this.giveBack = Objects.requireNonNull(giveBack, "giveBack");
    }

    public Connection connection() {
        return connection;
    }

    /** Who asked for it: the acquiring thread's name in the blocking pools, the name given to the reactive core. */
    public String borrower() {
        return borrower;
    }

    public Instant borrowedAt() {
        return borrowedAt;
    }

    Object handle() {
        return handle;
    }

    /** Gives the connection back to its pool (blocking: the pool's {@code release}). */
    @Override
    public void close() {
        giveBack.accept(this);
    }

    @Override
    public String toString() {
        return connection + " lent to '" + borrower + "' at " + borrowedAt;
    }
}
