package labs.level04_coordination.lab10_readers_writers;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * YOUR read-write-lock config — lab10's starting point. A plain {@link HashMap} under a
 * {@link ReentrantReadWriteLock}: any number of readers at once, or one writer alone. Replace every
 * {@code TODO(lab10)}; the lab's tests (the contract test and Lincheck for {@code rwlock} and
 * {@code rwlock-fair}, the BlockHound test) then check your code. The spec:
 * docs/labs/level04_coordination/lab10_readers_writers/README.md.
 *
 * <p>The contract ({@link SharedConfig}), in short:
 * <ol>
 *   <li>An update is seen all at once or not at all; once it has returned, every read sees it.</li>
 *   <li>{@code putIfAbsent} is one step: of several calls for one absent key, exactly one sets it.</li>
 *   <li>A write on a thread that is inside {@link #read} never waits for itself: refuse it at once
 *       ({@link SharedConfig#upgradeRefused}). A read lock can never become the write lock — the
 *       write lock waits for every reader to leave, this one included.</li>
 *   <li>A reader arriving while a writer waits goes in after it (the lock does that for you: which
 *       fairness mode also keeps writers in order among themselves?).</li>
 *   <li>After {@link #close}, every call throws {@link SharedConfig#closed}; bad input is checked
 *       before anything is locked or changed ({@link SharedConfig#checkKey}, {@code checkChanges}).</li>
 * </ol>
 *
 * <p>The tempting {@code putIfAbsent}: look under the read lock and, on a miss, ask for the write
 * lock without letting the read lock go ({@link ReadToWriteUpgrade} shows what happens). And the
 * tempting fix of it: let go, take the write lock, set — without looking again.
 *
 * <p>Check it: {@code ./mvnw -B -ntp test -Dtest='labs.level04_coordination.lab10_readers_writers.**'}
 */
public final class ReadWriteLockConfig implements SharedConfig {

    private final ReentrantReadWriteLock lock;
    private final Map<String, String> entries = new HashMap<>();
    private final Map<String, String> readOnly = Collections.unmodifiableMap(entries);
    private boolean closed; // guarded by lock

    public ReadWriteLockConfig(boolean fair) {
        this.lock = new ReentrantReadWriteLock(fair);
    }

    @Override
    public String name() {
        return lock.isFair() ? "rwlock-fair" : "rwlock";
    }

    @Override
    public Sharing sharing() {
        return Sharing.LOCKED;
    }

    @Override
    public String get(String key) {
        throw new UnsupportedOperationException("TODO(lab10): the value under key, read under the read lock (refused once closed)");
    }

    @Override
    public Map<String, String> snapshot() {
        throw new UnsupportedOperationException("TODO(lab10): an immutable copy of every entry, taken under the read lock");
    }

    @Override
    public <R> R read(Function<? super Map<String, String>, ? extends R> reading) {
        throw new UnsupportedOperationException("TODO(lab10): call reading with the read-only view while holding the read lock, and let it go whatever happens");
    }

    @Override
    public void update(Map<String, String> changes) {
        throw new UnsupportedOperationException("TODO(lab10): check the changes first, then apply all of them under the write lock");
    }

    @Override
    public String putIfAbsent(String key, String value) {
        throw new UnsupportedOperationException("TODO(lab10): look under the read lock; on a miss, let it go, take the write lock, and look again before setting");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO(lab10): mark the config closed under the write lock");
    }
}
