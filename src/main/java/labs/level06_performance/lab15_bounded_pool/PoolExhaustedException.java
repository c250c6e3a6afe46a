package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;

/** An acquirer waited its whole timeout and no connection came free: the pool is exhausted. */
public final class PoolExhaustedException extends RuntimeException {

    public PoolExhaustedException(String pool, Duration timeout, PoolStats stats) {
        super("pool '" + pool + "' exhausted: no connection free within " + timeout.toMillis() + " ms (" + stats + ")");
    }
}
