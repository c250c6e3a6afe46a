package labs.level04_coordination.lab10_readers_writers;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A plain {@link HashMap} under a {@link ReentrantReadWriteLock}: any number of readers at once, or
 * one writer alone. The textbook answer, and the one whose pitfalls this lab is about.
 *
 * <p><b>Fairness.</b> {@code new ReentrantReadWriteLock(true)} grants the lock in arrival order. The
 * non-fair one lets a thread barge in when the lock is free, with one guard against starving
 * writers: a new reader waits if the first thread queued is a writer. Either way a reader that
 * arrives after a waiting writer goes in after it (clause 5); the fair one also keeps writers in
 * order among themselves, at a cost in throughput (NOTES.md).
 *
 * <p><b>putIfAbsent without an upgrade.</b> The present key, the common case, needs only the read
 * lock. On a miss the read lock is released, the write lock taken, and the key checked again:
 * another writer may have set it in between. Asking for the write lock while still holding the read
 * lock would wait for ever — the write lock waits for every reader to leave, this one included
 * ({@link ReadToWriteUpgrade} shows it). For the same reason a write on a thread inside
 * {@link #read} is refused at once ({@link ReentrantReadWriteLock#getReadHoldCount} tells).
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
        SharedConfig.checkKey(key);
        return read("get", entries -> entries.get(key));
    }

    @Override
    public Map<String, String> snapshot() {
        return read("snapshot", Map::copyOf);
    }

    @Override
    public <R> R read(Function<? super Map<String, String>, ? extends R> reading) {
        return read("read", SharedConfig.checkReading(reading));
    }

    private <R> R read(String call, Function<? super Map<String, String>, ? extends R> reading) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw SharedConfig.closed(name(), call);
            }
            return reading.apply(readOnly);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void update(Map<String, String> changes) {
        Map<String, String> checked = SharedConfig.checkChanges(changes);
        lockForWriting("update");
        try {
            entries.putAll(checked);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String putIfAbsent(String key, String value) {
        SharedConfig.checkKey(key);
        SharedConfig.checkValue(value);
        String present = read("putIfAbsent", entries -> entries.get(key));
        if (present != null) {
            return present;
        }
        lockForWriting("putIfAbsent");
        try {
            return entries.putIfAbsent(key, value); // checked again: a writer may have set it since the read lock was let go
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Takes the write lock for {@code call}, or refuses it: closed, or a read lock held by this very thread (clause 4). */
    private void lockForWriting(String call) {
        if (lock.getReadHoldCount() > 0) {
            throw SharedConfig.upgradeRefused(name(), call);
        }
        lock.writeLock().lock();
        if (closed) {
            lock.writeLock().unlock();
            throw SharedConfig.closed(name(), call);
        }
    }
}
