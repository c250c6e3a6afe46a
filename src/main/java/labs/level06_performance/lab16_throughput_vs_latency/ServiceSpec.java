package labs.level06_performance.lab16_throughput_vs_latency;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import labs.support.BadInputException;

/**
 * What the service under load is, the same for every implementation: how many workers, what one
 * batch costs, how requests are batched, and (to inject a stall) a window in which no work starts.
 *
 * <p><b>Cost.</b> A batch of {@code k} requests takes {@code perBatch + k × perRequest} of service
 * time — a round trip that costs the same for one request or sixteen, plus a little per request —
 * times a factor: 1 ({@link Spread#FIXED}) or drawn from an exponential distribution of mean 1
 * ({@link Spread#EXPONENTIAL}). The factor comes from the id of the batch's first request (a hash,
 * not a shared random generator), so a run is reproducible whatever threads serve it and nothing is
 * shared between workers. Variability is what bends the latency curve before capacity: with fixed
 * service times and requests on a fixed schedule nothing ever waits below capacity (D/D/c), and the
 * "knee" is a cliff.
 *
 * <p><b>Batching.</b> With {@code batchSize > 1} a worker serves up to {@code batchSize} requests at
 * once; a request waits at most {@code batchTimeout} for its batch to close while a worker is free
 * (clause 4 of {@link Service}).
 *
 * <p><b>Stall.</b> No batch starts between {@code stallFromNanos} and {@code stallUntilNanos} (the
 * run's clock): a batch a worker takes then is held until the window ends, then served — every
 * worker stops taking work at once, as in a long GC pause or a failover. Work already in service
 * finishes.
 *
 * @param workers         how many batches may be in service at once, &gt;= 1
 * @param perBatch        a batch's fixed cost, &gt;= 0
 * @param perRequest      what each request of a batch adds, &gt;= 0 (the two may not both be 0)
 * @param spread          fixed or exponentially spread service times
 * @param batchSize       the most requests a batch holds, &gt;= 1 (1: no batching)
 * @param batchTimeout    how long a batch may wait for more requests while a worker is free, &gt; 0
 * @param stallFromNanos  start of the stall window (equal to {@code stallUntilNanos}: no stall)
 * @param stallUntilNanos end of the stall window
 */
public record ServiceSpec(int workers, Duration perBatch, Duration perRequest, Spread spread, int batchSize,
        Duration batchTimeout, long stallFromNanos, long stallUntilNanos) {

    /** How service times vary from batch to batch. */
    public enum Spread {
        /** Every batch of the same size takes the same time. */
        FIXED,
        /** Exponentially distributed around the cost (mean 1, p99 about 4.6 times the mean). */
        EXPONENTIAL
    }

    public ServiceSpec {
        Objects.requireNonNull(perBatch, "perBatch");
        Objects.requireNonNull(perRequest, "perRequest");
        Objects.requireNonNull(spread, "spread");
        Objects.requireNonNull(batchTimeout, "batchTimeout");
        if (workers < 1) {
            throw new BadInputException("workers must be >= 1 (got " + workers + ")");
        }
        if (perBatch.isNegative() || perRequest.isNegative() || (perBatch.isZero() && perRequest.isZero())) {
            throw new BadInputException("a batch must cost some time: per batch and per request must be >= 0 and not both 0 (got "
                    + perBatch.toNanos() + " ns and " + perRequest.toNanos() + " ns)");
        }
        if (batchSize < 1) {
            throw new BadInputException("batch size must be >= 1 (got " + batchSize + ")");
        }
        if (!batchTimeout.isPositive()) {
            throw new BadInputException("batch timeout must be > 0 (got " + batchTimeout.toNanos() + " ns)");
        }
        if (stallUntilNanos < stallFromNanos) {
            throw new BadInputException("a stall must end after it starts (from " + stallFromNanos + " ns, until " + stallUntilNanos + " ns)");
        }
    }

    /** {@code workers} workers, each request {@code serviceTime}, fixed, no batching, no stall. */
    public static ServiceSpec fixed(int workers, Duration serviceTime) {
        return new ServiceSpec(workers, serviceTime, Duration.ZERO, Spread.FIXED, 1, Duration.ofMillis(1), 0, 0);
    }

    /** This spec with batches costing {@code perBatch + k × perRequest}. */
    public ServiceSpec withCost(Duration perBatch, Duration perRequest) {
        return new ServiceSpec(workers, perBatch, perRequest, spread, batchSize, batchTimeout, stallFromNanos, stallUntilNanos);
    }

    public ServiceSpec withSpread(Spread spread) {
        return new ServiceSpec(workers, perBatch, perRequest, spread, batchSize, batchTimeout, stallFromNanos, stallUntilNanos);
    }

    /** This spec with batches of up to {@code size} requests, each waiting at most {@code timeout} for more. */
    public ServiceSpec withBatching(int size, Duration timeout) {
        return new ServiceSpec(workers, perBatch, perRequest, spread, size, timeout, stallFromNanos, stallUntilNanos);
    }

    public ServiceSpec withWorkers(int workers) {
        return new ServiceSpec(workers, perBatch, perRequest, spread, batchSize, batchTimeout, stallFromNanos, stallUntilNanos);
    }

    /** This spec with no batch starting between {@code fromNanos} and {@code untilNanos} on the run's clock. */
    public ServiceSpec withStall(long fromNanos, long untilNanos) {
        return new ServiceSpec(workers, perBatch, perRequest, spread, batchSize, batchTimeout, fromNanos, untilNanos);
    }

    public boolean batching() {
        return batchSize > 1;
    }

    /**
     * How long {@code batch}'s work takes when it starts at {@code startedNanos}: its cost, times its
     * spread factor, plus what is left of the stall window if it starts inside it.
     */
    public Duration serviceTime(List<Request> batch, long startedNanos) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one request");
        }
        long cost = perBatch.toNanos() + batch.size() * perRequest.toNanos();
        if (spread == Spread.EXPONENTIAL) {
            cost = Math.round(cost * exponentialFactor(batch.getFirst().id()));
        }
        long held = startedNanos >= stallFromNanos && startedNanos < stallUntilNanos ? stallUntilNanos - startedNanos : 0;
        return Duration.ofNanos(cost + held);
    }

    /** Requests per second the workers can serve at most, on average, with every batch full. */
    public double capacityPerSecond() {
        double batchSeconds = (perBatch.toNanos() + (double) batchSize * perRequest.toNanos()) / 1e9;
        return workers * batchSize / batchSeconds;
    }

    /** A factor of mean 1, exponentially distributed over ids, the same for an id on every run. */
    static double exponentialFactor(long id) {
        long z = id + 0x9E3779B97F4A7C15L; // SplitMix64's finalizer: neighbouring ids, unrelated factors
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        double uniform = (z >>> 11) * 0x1.0p-53; // [0, 1)
        return -Math.log1p(-uniform);
    }

    /** One line for the CLI: {@code 4 workers, 0.800 ms a batch + 0.200 ms a request, exponential, no batching}. */
    public String describe() {
        return workers + " workers, " + "%.3f".formatted(perBatch.toNanos() / 1e6) + " ms a batch + "
                + "%.3f".formatted(perRequest.toNanos() / 1e6) + " ms a request, " + spread.name().toLowerCase() + ", "
                + (batching() ? "batches of up to " + batchSize + " within " + "%.3f".formatted(batchTimeout.toNanos() / 1e6) + " ms" : "no batching");
    }
}
