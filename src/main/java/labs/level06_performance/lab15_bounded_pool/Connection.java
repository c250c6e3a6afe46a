package labs.level06_performance.lab15_bounded_pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pooled resource: a stand-in for a database connection — cheap to use, expensive to create
 * (whoever makes one decides how expensive: a blocking call in the imperative pool, a timed
 * {@code Mono} in the reactive one), and not to be used once closed.
 */
public final class Connection implements AutoCloseable {

    private final int id;
    private final AtomicInteger uses = new AtomicInteger();
    private volatile boolean open = true;

    public Connection(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** Uses the connection; a closed one refuses, as a real one would. */
    public String query(String command) {
        if (!open) {
            throw new IllegalStateException(this + " is closed: '" + command + "' not run");
        }
        uses.incrementAndGet();
        return this + " ran " + command;
    }

    /** How many queries it ran: a pool that reuses connections shows it here. */
    public int uses() {
        return uses.get();
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public String toString() {
        return "connection-" + id;
    }
}
