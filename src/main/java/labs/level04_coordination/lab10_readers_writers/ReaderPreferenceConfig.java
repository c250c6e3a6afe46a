package labs.level04_coordination.lab10_readers_writers;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * BROKEN ON PURPOSE (clause 5, no writer starvation): the readers-preference lock of the textbooks
 * (the "first readers–writers problem"), guarding a {@link HashMap}. A reader waits only while a
 * writer is <em>inside</em>; a writer waits until no reader is inside. So a reader arriving while a
 * writer waits walks straight past it, and as long as readers overlap — one still inside when the
 * next arrives — the count never falls to zero and the writer never gets in.
 *
 * <p>It is safe: every update is applied alone, every read sees a whole state (Lincheck passes it,
 * {@code SharedConfigLincheckTest.theReaderPreferenceLessonIsLinearizableLincheckChecksSafetyNotStarvation}).
 * What it breaks is liveness, which a linearizability checker does not look at. Shown step by step by
 * {@code ReaderPreferenceStarvationTest}, measured by {@code labs run lab10 --inject reader-stream}
 * (the longest writer wait). {@link ReadWriteLockConfig} is the fix: there a new reader waits behind
 * a queued writer.
 */
public final class ReaderPreferenceConfig implements SharedConfig {

    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition changed = mutex.newCondition();
    private int readers;     // guarded by mutex
    private boolean writing; // guarded by mutex
    /** How many reads this thread is inside: a write from inside one would wait for itself (clause 4). */
    private final ThreadLocal<int[]> readsHeld = ThreadLocal.withInitial(() -> new int[1]);
    /** Guarded by the protocol: changed only while writing, read only while counted as a reader. */
    private final Map<String, String> entries = new HashMap<>();
    private final Map<String, String> readOnly = Collections.unmodifiableMap(entries);
    private boolean closed;

    @Override
    public String name() {
        return "reader-preference";
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
        mutex.lock();
        try {
            while (writing) { // the only thing a reader waits for: a waiting writer does not count
                changed.awaitUninterruptibly();
            }
            readers++;
        } finally {
            mutex.unlock();
        }
        readsHeld.get()[0]++;
        try {
            if (closed) {
                throw SharedConfig.closed(name(), call);
            }
            return reading.apply(readOnly);
        } finally {
            readsHeld.get()[0]--;
            mutex.lock();
            try {
                if (--readers == 0) {
                    changed.signalAll();
                }
            } finally {
                mutex.unlock();
            }
        }
    }

    @Override
    public void update(Map<String, String> changes) {
        Map<String, String> checked = SharedConfig.checkChanges(changes);
        write("update", () -> {
            entries.putAll(checked);
            return null;
        });
    }

    @Override
    public String putIfAbsent(String key, String value) {
        SharedConfig.checkKey(key);
        SharedConfig.checkValue(value);
        return write("putIfAbsent", () -> entries.putIfAbsent(key, value));
    }

    @Override
    public void close() {
        mutex.lock();
        try {
            while (writing || readers > 0) {
                changed.awaitUninterruptibly();
            }
            closed = true;
        } finally {
            mutex.unlock();
        }
    }

    private String write(String call, Supplier<String> change) {
        if (readsHeld.get()[0] > 0) {
            throw SharedConfig.upgradeRefused(name(), call);
        }
        mutex.lock();
        try {
            while (writing || readers > 0) { // every reader inside, and every reader that comes meanwhile
                changed.awaitUninterruptibly();
            }
            writing = true;
        } finally {
            mutex.unlock();
        }
        try {
            if (closed) {
                throw SharedConfig.closed(name(), call);
            }
            return change.get();
        } finally {
            mutex.lock();
            try {
                writing = false;
                changed.signalAll();
            } finally {
                mutex.unlock();
            }
        }
    }
}
