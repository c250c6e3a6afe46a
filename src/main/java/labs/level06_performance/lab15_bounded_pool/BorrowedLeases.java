package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The leases a pool has out, with when and to whom each was lent: the pools' leak detector (a
 * lease held too long is reported by {@link #heldFor}, one never given back by the pool's close) and
 * their guard against a double release. Lock-free ({@link ConcurrentHashMap}'s key set): it is
 * touched on whatever thread lends or takes back, a non-blocking one included.
 */
final class BorrowedLeases {

    private final String pool;
    private final InstantSource clock;
    private final Set<Lease> out = ConcurrentHashMap.newKeySet();

    BorrowedLeases(String pool, InstantSource clock) {
        this.pool = pool;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Lends {@code connection} to {@code borrower}, now; {@code giveBack} is what {@link Lease#close()} does. */
    Lease lend(Connection connection, String borrower, Object handle, Consumer<Lease> giveBack) {
        Lease lease = new Lease(connection, borrower, clock.instant(), handle, giveBack);
        out.add(lease);
        return lease;
    }

    /** Takes {@code lease} back; a second time (or a lease this pool never lent) is refused. */
    void takeBack(Lease lease) {
        Objects.requireNonNull(lease, "lease must not be null");
        if (!out.remove(lease)) {
            throw new IllegalStateException("pool '" + pool + "' cannot take back " + lease.connection()
                    + ": that lease was already released, or was not lent by this pool");
        }
    }

    int count() {
        return out.size();
    }

    /** Every lease held for at least {@code heldFor}, longest first. */
    List<Leak> heldFor(Duration heldFor) {
        Instant now = clock.instant();
        return out.stream()
                .filter(lease -> !Duration.between(lease.borrowedAt(), now).minus(heldFor).isNegative())
                .sorted(Comparator.comparing(Lease::borrowedAt))
                .map(lease -> new Leak(lease.connection().toString(), lease.borrower(), Duration.between(lease.borrowedAt(), now)))
                .toList();
    }

    /** Every lease out, as a leak: what a closing pool reports. */
    List<Leak> all() {
        return heldFor(Duration.ZERO);
    }
}
