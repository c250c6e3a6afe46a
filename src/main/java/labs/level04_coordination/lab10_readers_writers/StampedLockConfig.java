package labs.level04_coordination.lab10_readers_writers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;

/**
 * A {@link ConcurrentHashMap} under a {@link StampedLock}: readers first read <em>optimistically</em>,
 * taking no lock at all, and then ask the stamp whether a writer came by meanwhile; only if one did
 * do they read again under the read lock. Writers take the write lock, so an update is applied as
 * one step.
 *
 * <p><b>Why the map is a ConcurrentHashMap.</b> An optimistic read runs while a writer may be
 * changing the very structure it reads: StampedLock's own javadoc warns that what it sees "may be
 * wildly inconsistent" until {@code validate} says otherwise. A {@code HashMap} read during a
 * {@code put} can throw, or (in a tree bin, with stale links) never end; a {@code ConcurrentHashMap}
 * read is always safe and always ends. Its own atomicity is per key, which is not enough for a
 * multi-key update ({@link ConcurrentMapConfig} is this class without the stamp, and tears); the
 * stamp makes the whole update one step. So: the map makes the optimistic read <em>safe</em>, the
 * stamp makes it <em>right</em>.
 *
 * <p><b>putIfAbsent</b> is StampedLock's own upgrade idiom: read under the read lock and, on a miss,
 * {@link StampedLock#tryConvertToWriteLock} — granted at once if this is the only reader; otherwise
 * let the read lock go, take the write lock, and check again.
 *
 * <p><b>read(f)</b> hands {@code f} an optimistic snapshot and holds no lock while {@code f} runs,
 * so this is a {@link Sharing#SNAPSHOTS} variant: a writer never waits for a slow reading function,
 * and a write inside one cannot wait for itself (StampedLock is not reentrant: a write lock asked
 * for under one's own read stamp would).
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
        SharedConfig.checkKey(key);
        return read("get", entries -> entries.get(key));
    }

    @Override
    public Map<String, String> snapshot() {
        return read("snapshot", Map::copyOf);
    }

    @Override
    public <R> R read(Function<? super Map<String, String>, ? extends R> reading) {
        SharedConfig.checkReading(reading);
        return reading.apply(read("read", Map::copyOf));
    }

    /**
     * Reads optimistically; if a writer held or took the lock meanwhile, reads again under the read
     * lock. {@code reading} may therefore run twice: it must only read (here it is a get or a copy).
     */
    private <R> R read(String call, Function<Map<String, String>, R> reading) {
        long stamp = lock.tryOptimisticRead(); // 0 while a writer holds the lock: validate(0) is false
        boolean wasClosed = closed;
        R seen = reading.apply(entries);
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                wasClosed = closed;
                seen = reading.apply(entries);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        if (wasClosed) {
            throw SharedConfig.closed(name(), call);
        }
        return seen;
    }

    @Override
    public void update(Map<String, String> changes) {
        Map<String, String> checked = SharedConfig.checkChanges(changes);
        long stamp = lock.writeLock();
        try {
            if (closed) {
                throw SharedConfig.closed(name(), "update");
            }
            entries.putAll(checked);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public String putIfAbsent(String key, String value) {
        SharedConfig.checkKey(key);
        SharedConfig.checkValue(value);
        long stamp = lock.readLock();
        try {
            while (true) {
                if (closed) {
                    throw SharedConfig.closed(name(), "putIfAbsent");
                }
                String present = entries.get(key);
                if (present != null) {
                    return present;
                }
                long writing = lock.tryConvertToWriteLock(stamp);
                if (writing != 0L) {
                    stamp = writing;
                    entries.put(key, value);
                    return null;
                }
                // Another reader is inside: no upgrade in place. Let go, queue for the write lock, look again.
                lock.unlockRead(stamp);
                stamp = lock.writeLock();
            }
        } finally {
            lock.unlock(stamp);
        }
    }

    @Override
    public void close() {
        long stamp = lock.writeLock();
        try {
            closed = true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
