package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.pool.PoolAcquireTimeoutException;
import reactor.pool.PoolShutdownException;

/**
 * YOUR reactor-pool pool — lab15's reactive starting point (started by {@code labs practice lab15};
 * check it with {@code labs check lab15}). Replace every {@code TODO(lab15)}; the lab's tests
 * ({@code ConnectionPoolContractTest} for {@code reactor-pool}, {@code ReactorPoolInVirtualTimeTest},
 * the diagrams in {@code marbles/lab15_bounded_pool.md}) then check your code. The spec:
 * {@code docs/labs/level06_performance/lab15_bounded_pool/README.md}.
 *
 * <p>Write the reactive core:
 * <ol>
 *   <li>{@link #build}: an {@link InstrumentedPool} from {@code reactor.pool.PoolBuilder} — at most
 *       {@code size} connections made lazily by subscribing to {@code create}, at most
 *       {@code maxPending} acquirers waiting, acquire timeouts scheduled on {@code timer} (the tests
 *       give a virtual-time one), and a connection closed when the pool destroys it;</li>
 *   <li>{@link #lease}: acquire with the timeout, and record each lease in the book
 *       ({@code leases.lend(connection, borrower, pooledRef, this::release)});</li>
 *   <li>{@link #giveBack}: take the lease back from the book, then release its {@code PooledRef};</li>
 *   <li>{@link #withConnection}: acquire, use, and give the connection back whether the use
 *       completes, fails or is <em>cancelled</em>.</li>
 * </ol>
 * Errors: {@link #translated} turns reactor-pool's into the lab's. The blocking edge, the stats
 * and the close are given: they only call your core.
 *
 * <p><b>Scheduler:</b> the timeouts run on {@code timer}; nothing here may park. <b>Backpressure:</b>
 * an acquire is one lease when a connection is free; the line is bounded by {@code maxPending}.
 */
public final class ReactorPool implements ConnectionPool {

    private static final String NAME = "reactor-pool";

    private final int size;
    private final int maxPending;
    private final InstrumentedPool<Connection> pool;
    private final BorrowedLeases leases;

    private ReactorPool(int size, int maxPending, Mono<Connection> create, Scheduler timer) {
        this.size = ConnectionPool.checkSize(size);
        this.maxPending = ConnectionPool.checkMaxPending(maxPending);
        Objects.requireNonNull(create, "create must not be null");
        Objects.requireNonNull(timer, "timer must not be null");
        this.pool = build(size, maxPending, create, timer);
        InstantSource clock = () -> Instant.ofEpochMilli(timer.now(TimeUnit.MILLISECONDS));
        this.leases = new BorrowedLeases(NAME, clock);
    }

    private static InstrumentedPool<Connection> build(int size, int maxPending, Mono<Connection> create, Scheduler timer) {
        throw new UnsupportedOperationException("TODO(lab15): PoolBuilder.from(create) — size, max pending, the timeouts on timer, connections closed when destroyed");
    }

    public static ReactorPool create(int size, int maxPending, Mono<Connection> create, Scheduler timer) {
        return new ReactorPool(size, maxPending, create, timer);
    }

    public static ReactorPool open(int size, int maxPending, Callable<Connection> create) {
        Objects.requireNonNull(create, "create must not be null");
        return create(size, maxPending, Mono.fromCallable(create).subscribeOn(Schedulers.boundedElastic()), Schedulers.parallel());
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

    /** A lease for {@code borrower} within {@code timeout}; the subscriber must {@link #giveBack} it. */
    public Mono<Lease> lease(String borrower, Duration timeout) {
        Objects.requireNonNull(borrower, "borrower must not be null");
        ConnectionPool.checkTimeout(timeout);
        throw new UnsupportedOperationException("TODO(lab15): acquire with the timeout, lend each connection in the book, translate the errors");
    }

    /** Gives {@code lease} back; a second time fails. */
    public Mono<Void> giveBack(Lease lease) {
        throw new UnsupportedOperationException("TODO(lab15): take the lease back from the book, then release its PooledRef (lease.handle())");
    }

    /** Acquires, uses, and gives the connection back however the use ends: completes, fails, or is cancelled. */
    public <T> Mono<T> withConnection(String borrower, Duration timeout, Function<Connection, Mono<T>> use) {
        throw new UnsupportedOperationException("TODO(lab15): acquire, use, release — on completion, on error and on cancel");
    }

    /** Closes the pool: waiting acquirers fail, idle connections are closed, leases never given back are reported. (Given.) */
    public Mono<CloseReport> closing() {
        return Mono.defer(() -> {
            int idle = pool.metrics().idleSize();
            List<Leak> neverReleased = leases.all();
            return pool.disposeLater().thenReturn(new CloseReport(idle, neverReleased));
        });
    }

    /** reactor-pool's errors as the lab's. (Given.) */
    Throwable translated(Throwable error) {
        return switch (error) {
            case PoolAcquireTimeoutException timeout -> new PoolExhaustedException(NAME, timeout.getAcquireTimeout(), stats());
            case PoolAcquirePendingLimitException pending -> new PoolRejectedException(NAME, size, pending.getAcquirePendingLimit());
            case PoolShutdownException closed -> new PoolClosedException(NAME);
            default -> error;
        };
    }

    // The blocking edge (given): each call blocks the caller, never a scheduler thread.

    @Override
    public Lease acquire(Duration timeout) throws InterruptedException {
        Mono<Lease> lease = lease(Thread.currentThread().getName(), timeout);
        try {
            return lease.block();
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof InterruptedException) {
                Thread.interrupted();
                throw new InterruptedException("interrupted while waiting for a connection of pool '" + NAME + "'");
            }
            throw e;
        }
    }

    @Override
    public void release(Lease lease) {
        giveBack(lease).block();
    }

    @Override
    public PoolStats stats() {
        InstrumentedPool.PoolMetrics metrics = pool.metrics();
        return new PoolStats(size, metrics.allocatedSize(), metrics.acquiredSize(), metrics.idleSize(), metrics.pendingAcquireSize());
    }

    @Override
    public List<Leak> leaks(Duration heldFor) {
        return leases.heldFor(Objects.requireNonNull(heldFor, "heldFor"));
    }

    @Override
    public CloseReport close() {
        return closing().block();
    }
}
