package labs.level04_coordination.lab10_readers_writers;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * BROKEN ON PURPOSE: the read-to-write upgrade, the self-deadlock of {@link ReentrantReadWriteLock}.
 * {@link #putIfAbsent} looks for the key under the read lock and, on a miss, asks for the write lock
 * <em>while still holding the read lock</em>. The write lock is granted only when no thread holds a
 * read lock — and this thread holds one, and will until the write lock is granted. It waits for
 * itself. No other thread is involved: one thread, one call, every time the key is absent.
 *
 * <p>With {@code writeLock().lock()} that wait is for ever, and the JDK's own deadlock detector
 * cannot see it ({@code ThreadMXBean.findDeadlockedThreads} follows lock <em>owners</em>, and a read
 * lock has none: {@code ReadToWriteUpgradeTest} shows it). Here the wait is bounded instead, with
 * {@code tryLock(upgradeWait)}, so the bug surfaces as an exception that names it rather than a hung
 * thread. It is only a lesson: the key is never set.
 *
 * <p>It stands alone, with only the two calls the lesson needs. {@link ReadWriteLockConfig#putIfAbsent}
 * is the fix (let the read lock go, take the write lock, check again); {@link StampedLockConfig}
 * upgrades in place with {@code tryConvertToWriteLock}, which succeeds only for the sole reader.
 */
public final class ReadToWriteUpgrade {

    /** What the upgrade ends with: it waited for its own read lock, until the bound or an interrupt. */
    public static final class UpgradeDeadlockException extends IllegalStateException {
        UpgradeDeadlockException(String message) {
            super(message);
        }
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, String> entries = new HashMap<>();
    private final Duration upgradeWait;

    /**
     * @param upgradeWait how long the upgrade waits for the write lock before it gives up
     * @param initial     the entries it starts with: a key already there never needs the upgrade,
     *                    which is how the bug survives testing until the first new key
     */
    public ReadToWriteUpgrade(Duration upgradeWait, Map<String, String> initial) {
        Objects.requireNonNull(upgradeWait, "upgradeWait must not be null");
        if (upgradeWait.isNegative()) {
            throw new IllegalArgumentException("upgradeWait must be >= 0 (got " + upgradeWait + ")");
        }
        this.upgradeWait = upgradeWait;
        this.entries.putAll(SharedConfig.checkChanges(initial));
    }

    public String get(String key) {
        SharedConfig.checkKey(key);
        lock.readLock().lock();
        try {
            return entries.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** BROKEN: on a miss, throws {@link UpgradeDeadlockException} after {@code upgradeWait} (or at an interrupt). */
    public String putIfAbsent(String key, String value) {
        SharedConfig.checkKey(key);
        SharedConfig.checkValue(value);
        lock.readLock().lock();
        try {
            String present = entries.get(key);
            if (present != null) {
                return present;
            }
            // The mistake: the read lock is still held here.
            if (!lock.writeLock().tryLock(upgradeWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new UpgradeDeadlockException("read-to-write upgrade gave up after " + upgradeWait.toMillis()
                        + " ms: this thread holds the read lock and waits for the write lock, which waits for every reader to leave — itself included");
            }
            try {
                entries.put(key, value); // never reached while this thread holds its read lock
                return null;
            } finally {
                lock.writeLock().unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpgradeDeadlockException("read-to-write upgrade interrupted: this thread was waiting for the write lock while holding the read lock — waiting for itself");
        } finally {
            lock.readLock().unlock();
        }
    }
}
