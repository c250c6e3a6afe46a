package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hand-written pool: a fair {@link Semaphore} of {@code size} permits — one per place in the
 * pool — and a {@link BlockingQueue} of idle connections.
 *
 * <p>An acquirer first takes a permit: at once if one is free, else it waits in the semaphore's
 * line (fair: first come, first served), bounded twice — by {@code maxPending} waiters (counted
 * before waiting, so one more is refused at once) and by its timeout. Holding a permit, it takes an
 * idle connection or, if there is none, makes one — outside any lock, so a slow creation holds up
 * nobody else. Releasing puts the connection back in the idle queue, then returns the permit, in
 * that order: whoever gets the permit next finds the connection already waiting.
 *
 * <p>Why the permit, not the queue, is the bound: the queue holds only idle connections; the
 * permits count places, lent or being made. That keeps the invariant simple — every connection
 * not in the idle queue belongs to a permit holder — so never more than {@code size} exist.
 *
 * <p>The cancelled acquirer: one interrupted while it waits for a permit never had one (the
 * semaphore says so by throwing); one interrupted while its connection is being made gives its
 * permit back before it throws. Forget that line and each such acquirer shrinks the pool by one for
 * ever — {@code anAcquirerInterruptedWhileItsConnectionIsMadeGivesItsPlaceBack} guards it.
 *
 * <p>Closing: a closed flag, the idle connections closed, and one spare permit released — the
 * waiter it wakes sees the flag, passes the permit on and fails, and so on down the line.
 */
public final class SemaphorePool implements ConnectionPool {

    private static final String NAME = "semaphore-pool";

    private final int size;
    private final int maxPending;
    private final Callable<Connection> create;
    private final Semaphore places;
    private final BlockingQueue<Connection> idle;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();
    private final BorrowedLeases leases;
    private volatile boolean closed;

    private SemaphorePool(int size, int maxPending, Callable<Connection> create, InstantSource clock) {
        this.size = ConnectionPool.checkSize(size);
        this.maxPending = ConnectionPool.checkMaxPending(maxPending);
        this.create = Objects.requireNonNull(create, "create must not be null");
        this.places = new Semaphore(size, true);
        this.idle = new ArrayBlockingQueue<>(size);
        this.leases = new BorrowedLeases(NAME, clock);
    }

    /** A pool whose leases are timed by the system clock. Nothing is made before the first acquire. */
    public static SemaphorePool open(int size, int maxPending, Callable<Connection> create) {
        return open(size, maxPending, create, InstantSource.system());
    }

    /** The same, its leases timed by {@code clock}: the leak tests move it by hand. */
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
        if (closed) {
            throw new PoolClosedException(NAME);
        }
        // tryAcquire(0, …) rather than tryAcquire(): the timed form respects fairness, so a newcomer
        // never takes a permit from under the waiters that were here first.
        if (!places.tryAcquire(0, TimeUnit.NANOSECONDS)) {
            if (waiting.incrementAndGet() > maxPending) {
                waiting.decrementAndGet();
                throw new PoolRejectedException(NAME, size, maxPending);
            }
            try {
                if (!places.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new PoolExhaustedException(NAME, timeout, stats());
                }
            } finally {
                waiting.decrementAndGet(); // served, timed out or interrupted: no longer in the line
            }
        }
        // We hold a place: an idle connection is ours to take, or a new one ours to make.
        try {
            if (closed) {
                throw new PoolClosedException(NAME);
            }
            Connection connection = idle.poll();
            if (connection == null) {
                connection = create.call(); // expensive, and outside any lock
                created.incrementAndGet();
            }
            return leases.lend(connection, Thread.currentThread().getName(), null, this::release);
        } catch (InterruptedException | RuntimeException e) {
            // Interrupted (or failed) while the connection was being made, or closed under us: the
            // place goes back, or the pool would be one smaller for ever.
            places.release();
            throw e;
        } catch (Exception e) {
            places.release(); // the same, for a creation that failed with a checked exception
            throw new IllegalStateException("pool '" + NAME + "' could not make a connection: " + e, e);
        }
    }

    @Override
    public void release(Lease lease) {
        leases.takeBack(lease);
        if (closed || !idle.offer(lease.connection())) {
            lease.connection().close(); // the pool is closed: nobody will reuse it
        }
        places.release(); // after the offer: the next permit holder finds the connection waiting
    }

    @Override
    public PoolStats stats() {
        return new PoolStats(size, created.get(), leases.count(), idle.size(), waiting.get());
    }

    @Override
    public List<Leak> leaks(Duration heldFor) {
        return leases.heldFor(Objects.requireNonNull(heldFor, "heldFor"));
    }

    @Override
    public CloseReport close() {
        closed = true;
        int closedIdle = 0;
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            connection.close();
            closedIdle++;
        }
        places.release(); // wakes the first waiter, which fails and passes it on (see the class comment)
        return new CloseReport(closedIdle, leases.all());
    }
}
