package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * YOUR hand-written pool — lab15's imperative starting point (started by {@code labs practice lab15};
 * check it with {@code labs check lab15}). Replace every {@code TODO(lab15)}; the lab's tests
 * ({@code ConnectionPoolContractTest} for {@code semaphore-pool}, {@code SemaphorePoolTest}) then
 * check your code, under BlockHound and the leak check. The spec:
 * {@code docs/labs/level06_performance/lab15_bounded_pool/README.md}.
 *
 * <p>Build it from a fair {@link java.util.concurrent.Semaphore} of {@code size} permits (one per
 * place in the pool, lent or being made) and a {@link java.util.concurrent.BlockingQueue} of idle
 * connections. The contract ({@link ConnectionPool}):
 * <ol>
 *   <li>never more than {@code size} connections exist or are lent;</li>
 *   <li>a connection is made ({@code create.call()}, slow) only when none is idle; one given back is reused;</li>
 *   <li>an acquirer that must wait joins a line of at most {@code maxPending} (one more:
 *       {@link PoolRejectedException} at once), served first come, first served;</li>
 *   <li>a waiter not served within its timeout gets {@link PoolExhaustedException};</li>
 *   <li>a lease is given back once ({@code leases.takeBack} refuses a second time);</li>
 *   <li>an acquirer interrupted while it waits, or while its connection is being made, loses
 *       nothing for the pool: its place comes back;</li>
 *   <li>{@link #close()} closes the idle connections, fails the waiters with
 *       {@link PoolClosedException}, and reports the leases never given back ({@code leases.all()}).</li>
 * </ol>
 * The lease book ({@link BorrowedLeases}: {@code lend}, {@code takeBack}, {@code heldFor}) is given.
 * The reference solution is in {@code src/main/java}, one file away — try first.
 */
public final class SemaphorePool implements ConnectionPool {

    private static final String NAME = "semaphore-pool";

    private final int size;
    private final int maxPending;
    private final Callable<Connection> create;
    private final BorrowedLeases leases;

    private SemaphorePool(int size, int maxPending, Callable<Connection> create, InstantSource clock) {
        this.size = ConnectionPool.checkSize(size);
        this.maxPending = ConnectionPool.checkMaxPending(maxPending);
        this.create = Objects.requireNonNull(create, "create must not be null");
        this.leases = new BorrowedLeases(NAME, clock);
    }

    public static SemaphorePool open(int size, int maxPending, Callable<Connection> create) {
        return open(size, maxPending, create, InstantSource.system());
    }

    public static SemaphorePool open(int size, int maxPending, Callable<Connection> create, InstantSource clock) {
        return new SemaphorePool(size, maxPending, create, clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int maxPending() {
        return maxPending;
    }

    @Override
    public Lease acquire(Duration timeout) throws InterruptedException {
        ConnectionPool.checkTimeout(timeout);
        throw new UnsupportedOperationException("TODO(lab15): take a place (at once, or wait in a line of at most maxPending until the timeout), "
                + "then an idle connection or a new one; give the place back if making it fails or is interrupted");
    }

    @Override
    public void release(Lease lease) {
        throw new UnsupportedOperationException("TODO(lab15): take the lease back, put its connection with the idle ones, then give its place back");
    }

    @Override
    public PoolStats stats() {
        throw new UnsupportedOperationException("TODO(lab15): size, connections made, lent, idle, and acquirers waiting");
    }

    @Override
    public List<Leak> leaks(Duration heldFor) {
        return leases.heldFor(Objects.requireNonNull(heldFor, "heldFor"));
    }

    @Override
    public CloseReport close() {
        throw new UnsupportedOperationException("TODO(lab15): close the idle connections, fail every waiter, and report the leases never given back");
    }
}
