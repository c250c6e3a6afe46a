package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import labs.support.BadInputException;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * A bounded pool of connections, expensive to create: the lab15 pool contract, met by every
 * implementation in {@link #IMPLEMENTATIONS} and checked by one contract test. See the lab's
 * README.md for the spec.
 *
 * <ol>
 *   <li><b>Bounded.</b> Never more than {@link #size()} connections exist, and never more than that
 *       are lent at once.</li>
 *   <li><b>Reused, made lazily.</b> A connection is made only when an acquirer finds none idle and
 *       fewer than {@code size} exist; a released one is reused before another is made.</li>
 *   <li><b>A bounded line.</b> An acquirer that finds none free waits — at most
 *       {@link #maxPending()} of them; one more is refused at once with {@link PoolRejectedException}.
 *       Waiters are served in the order they came.</li>
 *   <li><b>Nothing hangs.</b> Every acquire has a timeout: a waiter not served within it gets
 *       {@link PoolExhaustedException}, whose message says the timeout and the pool's state.</li>
 *   <li><b>Release.</b> A lease is given back once ({@link #release} or {@link Lease#close()}); a
 *       second release, or a lease of another pool, is refused with an {@link IllegalStateException}.</li>
 *   <li><b>A cancelled acquirer leaks nothing.</b> An acquirer interrupted (blocking) or cancelled
 *       (reactive) while it waits, or while its connection is being made, leaves the pool as if it
 *       had never come: no connection and no place in the pool is lost.</li>
 *   <li><b>Leaks are reported.</b> {@link #leaks(Duration)} names every lease held longer than the
 *       given time (connection, borrower, how long); {@link #close()} closes the idle connections,
 *       fails the acquirers still waiting with {@link PoolClosedException}, and reports every lease
 *       never given back.</li>
 *   <li><b>Bad input fails first</b>, in one line: size below 1, max-pending below 0, a timeout
 *       that is null, zero or negative.</li>
 * </ol>
 */
public interface ConnectionPool {

    /** How a pool is opened: the registry's factory type. Whoever opens one must close it. */
    @FunctionalInterface
    interface Opener {
        ConnectionPool open(int size, int maxPending, Callable<Connection> create);
    }

    /**
     * Every implementation, by the name {@code --impl} takes; the contract test runs each of them
     * ({@code IMPLEMENTATIONS.create("reactor-pool").open(4, 8, Connection::new…)}).
     */
    Implementations<Opener> IMPLEMENTATIONS = Implementations.of("lab15",
            new Implementation<>("semaphore-pool", "hand-written: a fair Semaphore(size) for places, a BlockingQueue of idle connections", SemaphorePool::open),
            new Implementation<>("reactor-pool", "reactor-pool's InstrumentedPool: acquire(timeout), maxPendingAcquire, release on cancel", ReactorPool::open));

    /** A short name, as {@code labs run lab15 --impl NAME} takes it. */
    String name();

    int size();

    int maxPending();

    /**
     * Lends a connection: an idle one, a new one (if fewer than {@code size} exist), or the first
     * one released within {@code timeout}.
     *
     * @throws PoolExhaustedException none came free within {@code timeout}
     * @throws PoolRejectedException  none free and {@code maxPending} acquirers already waiting
     * @throws PoolClosedException    the pool is closed, or was closed while this acquirer waited
     * @throws InterruptedException   interrupted while waiting or while its connection was made: nothing is lost
     */
    Lease acquire(Duration timeout) throws InterruptedException;

    /** Gives a lease's connection back; the next waiter, if any, gets it. */
    void release(Lease lease);

    PoolStats stats();

    /** Every lease held for at least {@code heldFor}, longest first. */
    List<Leak> leaks(Duration heldFor);

    /** Closes the idle connections, fails the waiting acquirers, reports the leases never given back. */
    CloseReport close();

    static int checkSize(int size) {
        if (size < 1) {
            throw new BadInputException("pool size must be >= 1 (got " + size + ")");
        }
        return size;
    }

    static int checkMaxPending(int maxPending) {
        if (maxPending < 0) {
            throw new BadInputException("max-pending must be >= 0 (got " + maxPending + ")");
        }
        return maxPending;
    }

    static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null: an acquire without one can hang for ever");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new BadInputException("timeout must be > 0 (got " + timeout.toMillis() + " ms)");
        }
        return timeout;
    }
}
