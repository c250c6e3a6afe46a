package labs.level04_coordination.lab10_readers_writers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;

/**
 * YOUR StampedLock config — lab10's starting point. Readers first read <em>optimistically</em>,
 * taking no lock, then ask the stamp whether a writer came by meanwhile; only then do they read
 * again under the read lock. Writers take the write lock. Replace every {@code TODO(lab10)}; the
 * contract test and Lincheck for {@code stamped} then check your code. The spec:
 * docs/labs/level04_coordination/lab10_readers_writers/README.md.
 *
 * <p>What to know before you start:
 * <ul>
 *   <li>An optimistic read runs while a writer may be changing what it reads: what it sees may be
 *       "wildly inconsistent" (StampedLock's javadoc) until {@code validate} says otherwise. That is
 *       why the map is a {@link ConcurrentHashMap}: a read of it is always safe and always ends. Its
 *       per-key atomicity is not enough for a multi-key update, though ({@link ConcurrentMapConfig}
 *       tears): the stamp is what makes an update one step.</li>
 *   <li>{@code putIfAbsent} can upgrade in place: {@link StampedLock#tryConvertToWriteLock} succeeds
 *       when this thread is the only reader. When it fails, let the read lock go, take the write
 *       lock, and look again.</li>
 *   <li>StampedLock is not reentrant: {@link #read} must hold no lock while its function runs (hand
 *       it a snapshot), or a write from inside it would wait for itself.</li>
 *   <li>After {@link #close}, every call throws {@link SharedConfig#closed}; bad input is checked
 *       before anything is locked ({@link SharedConfig#checkKey}, {@code checkChanges}).</li>
 * </ul>
 *
 * <p>Check it: {@code ./mvnw -B -ntp test -Dtest='labs.level04_coordination.lab10_readers_writers.**'}
 */
public final class StampedLockConfig implements SharedConfig {

    private final StampedLock lock = new StampedLock();
    private final ConcurrentHashMap<String, String> entries = new ConcurrentHashMap<>();
    /** Written under the write lock; read optimistically like the entries, and validated with them. */
    private boolean closed;

    @Override
    public String name() {
        return "stamped";
    }

    @Override
    public Sharing sharing() {
        return Sharing.SNAPSHOTS;
    }

    @Override
    public String get(String key) {
        throw new UnsupportedOperationException("TODO(lab10): read optimistically (tryOptimisticRead, read, validate); if a writer came by, read again under the read lock");
    }

    @Override
    public Map<String, String> snapshot() {
        throw new UnsupportedOperationException("TODO(lab10): an immutable copy of the entries, read as get reads");
    }

    @Override
    public <R> R read(Function<? super Map<String, String>, ? extends R> reading) {
        throw new UnsupportedOperationException("TODO(lab10): call reading with a snapshot, holding no lock while it runs");
    }

    @Override
    public void update(Map<String, String> changes) {
        throw new UnsupportedOperationException("TODO(lab10): check the changes first, then put all of them under the write lock");
    }

    @Override
    public String putIfAbsent(String key, String value) {
        throw new UnsupportedOperationException("TODO(lab10): look under the read lock; on a miss, tryConvertToWriteLock, or let go, take the write lock and look again");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO(lab10): mark the config closed under the write lock");
    }
}
