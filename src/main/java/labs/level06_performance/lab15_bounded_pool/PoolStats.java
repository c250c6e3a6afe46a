package labs.level06_performance.lab15_bounded_pool;

/**
 * A pool's counts at one moment.
 *
 * @param size    the most connections it may hold
 * @param created connections made so far (each one was expensive)
 * @param inUse   connections lent and not yet given back
 * @param idle    connections made, free, waiting to be reused
 * @param pending acquirers waiting for a connection
 */
public record PoolStats(int size, int created, int inUse, int idle, int pending) {

    @Override
    public String toString() {
        return inUse + " of " + size + " in use, " + idle + " idle, " + pending + " waiting, " + created + " created";
    }
}
