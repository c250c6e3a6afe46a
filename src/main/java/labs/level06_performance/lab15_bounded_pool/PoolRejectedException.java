package labs.level06_performance.lab15_bounded_pool;

/** An acquirer refused at once: no connection free, none can be made, and the waiting line is full. */
public final class PoolRejectedException extends RuntimeException {

    public PoolRejectedException(String pool, int size, int maxPending) {
        super("pool '" + pool + "' refused the acquire at once: all " + size + " connections in use and "
                + maxPending + " acquirer(s) already waiting (max-pending " + maxPending + ")");
    }
}
