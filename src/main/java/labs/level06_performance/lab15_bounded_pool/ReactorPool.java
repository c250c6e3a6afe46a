package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.pool.PoolAcquireTimeoutException;
import reactor.pool.PoolBuilder;
import reactor.pool.PoolShutdownException;
import reactor.pool.PooledRef;

/**
 * reactor-pool ({@code io.projectreactor.addons:reactor-pool}): an {@link InstrumentedPool} of at
 * most {@code size} connections, {@code maxPendingAcquire(maxPending)}, and {@code acquire(timeout)}.
 *
 * <p>The reactive core: {@link #create} takes how a connection is made (a {@code Mono}: the
 * virtual-time tests and the diagrams give it a duration with {@code Mono.delay}) and the scheduler
 * its timeouts and its lease clock run on; {@link #lease} and {@link #giveBack} are acquire and
 * release as publishers, and {@link #withConnection} is the way to use one —
 * {@code Mono.usingWhen(lease, use, giveBack, giveBack on error, giveBack on cancel)}, which gives the
 * connection back whether the use completes, fails or is cancelled. The {@link ConnectionPool}
 * methods are the thin blocking edge, made by {@link #open}.
 *
 * <p><b>Scheduler:</b> the pool's own work (handing a connection to the next waiter, culling a
 * waiter past {@code maxPending}) runs on whatever thread releases or acquires; the acquire timeouts
 * are timers on the scheduler given to {@code create} ({@code parallel()} from {@code open}); a
 * connection is made on whatever thread its {@code Mono} runs on ({@code open} makes each on
 * {@code boundedElastic()}, since making one blocks). Nothing here parks: reactor-pool's queues are
 * lock-free, and so is our lease book.
 *
 * <p><b>Backpressure:</b> an acquire is a {@code Mono}: one lease, when a connection is free. The
 * waiting line is reactor-pool's pending queue, bounded by {@code maxPending} (one more is refused at
 * once: {@link PoolRejectedException}) and by each acquirer's timeout
 * ({@link PoolExhaustedException}). Cancelling a waiting acquire takes it out of the line; cancelling
 * one whose connection is being made returns that connection to the pool once it exists
 * (reactor-pool's own rule: a connection delivered to a cancelled acquirer is released).
 */
public final class ReactorPool implements ConnectionPool {

    private static final String NAME = "reactor-pool";

    private final int size;
    private final int maxPending;
    private final AtomicInteger created = new AtomicInteger();
    private final InstrumentedPool<Connection> pool;
    private final BorrowedLeases leases;

    private ReactorPool(int size, int maxPending, Mono<Connection> create, Scheduler timer) {
        this.size = ConnectionPool.checkSize(size);
        this.maxPending = ConnectionPool.checkMaxPending(maxPending);
        Objects.requireNonNull(create, "create must not be null");
        Objects.requireNonNull(timer, "timer must not be null");
        this.pool = PoolBuilder.from(create.doOnNext(connection -> created.incrementAndGet()))
                .sizeBetween(0, size)                 // made lazily, never more than size
                .maxPendingAcquire(maxPending)
                .pendingAcquireTimer((timeout, delay) -> timer.schedule(timeout, delay.toNanos(), TimeUnit.NANOSECONDS))
                .destroyHandler(connection -> Mono.fromRunnable(connection::close))
                .buildPool();
        InstantSource clock = () -> Instant.ofEpochMilli(timer.now(TimeUnit.MILLISECONDS));
        this.leases = new BorrowedLeases(NAME, clock);
    }

    /**
     * The core: a pool whose connections are made by subscribing to {@code create}, whose acquire
     * timeouts run on {@code timer} and whose leases are timed by its clock. Nothing is made before
     * the first acquire; nothing starts a thread.
     */
    public static ReactorPool create(int size, int maxPending, Mono<Connection> create, Scheduler timer) {
        return new ReactorPool(size, maxPending, create, timer);
    }

    /** The blocking edge's pool: each connection made by {@code create} on {@code boundedElastic()}, timeouts on {@code parallel()}. */
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

    /**
     * A lease for {@code borrower}, once a connection is idle, made, or released to it within
     * {@code timeout}. Fails with {@link PoolExhaustedException} after the timeout, with
     * {@link PoolRejectedException} at once when {@code maxPending} already wait. The subscriber owns
     * what it gets and must {@link #giveBack} it — prefer {@link #withConnection}.
     */
    public Mono<Lease> lease(String borrower, Duration timeout) {
        Objects.requireNonNull(borrower, "borrower must not be null");
        ConnectionPool.checkTimeout(timeout);
        return pool.acquire(timeout)
                .map(ref -> leases.lend(ref.poolable(), borrower, ref, this::release))
                .onErrorMap(this::translated);
    }

    /** Gives {@code lease} back: the next waiter gets the connection, or it goes idle. A second time fails. */
    public Mono<Void> giveBack(Lease lease) {
        return Mono.defer(() -> {
            leases.takeBack(lease);
            @SuppressWarnings("unchecked")
            PooledRef<Connection> ref = (PooledRef<Connection>) lease.handle();
            return ref.release();
        });
    }

    /**
     * Acquires a connection, runs {@code use} with it, and gives it back however {@code use} ends —
     * completes, fails, or is cancelled (a downstream {@code timeout}, a {@code take}, a dispose).
     */
    public <T> Mono<T> withConnection(String borrower, Duration timeout, Function<Connection, Mono<T>> use) {
        Objects.requireNonNull(use, "use must not be null");
        return Mono.usingWhen(lease(borrower, timeout), lease -> use.apply(lease.connection()),
                this::giveBack, (lease, error) -> giveBack(lease), this::giveBack);
    }

    /** Closes the pool: waiting acquirers fail, idle connections are closed, leases never given back are reported. */
    public Mono<CloseReport> closing() {
        return Mono.defer(() -> {
            int idle = pool.metrics().idleSize();
            List<Leak> neverReleased = leases.all();
            return pool.disposeLater().thenReturn(new CloseReport(idle, neverReleased));
        });
    }

    private Throwable translated(Throwable error) {
        return switch (error) {
            case PoolAcquireTimeoutException timeout -> new PoolExhaustedException(NAME, timeout.getAcquireTimeout(), stats());
            case PoolAcquirePendingLimitException pending -> new PoolRejectedException(NAME, size, pending.getAcquirePendingLimit());
            case PoolShutdownException closed -> new PoolClosedException(NAME);
            default -> error;
        };
    }

    // The blocking edge: each call blocks the caller, never a scheduler thread.

    @Override
    public Lease acquire(Duration timeout) throws InterruptedException {
        Mono<Lease> lease = lease(Thread.currentThread().getName(), timeout);
        try {
            return lease.block();
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof InterruptedException) {
                // block() cancelled the acquire (so nothing is lent to us) and set the flag again;
                // an InterruptedException is the contract's way to say so, and clears it.
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
        return new PoolStats(size, created.get(), metrics.acquiredSize(), metrics.idleSize(), metrics.pendingAcquireSize());
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
