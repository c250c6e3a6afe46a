package labs.level06_performance.lab15_bounded_pool;

/** The pool was closed: before this acquire, or while it waited. */
public final class PoolClosedException extends IllegalStateException {

    public PoolClosedException(String pool) {
        super("pool '" + pool + "' is closed");
    }
}
