package labs.level04_coordination.lab10_readers_writers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * BROKEN ON PURPOSE (clause 1, atomic updates): a {@link ConcurrentHashMap} and nothing else. Every
 * call is thread-safe on its own — {@code get}, {@code put}, {@code putIfAbsent} are each atomic —
 * and yet an {@link #update} of two keys is two puts, and a reader can come between them: it sees
 * the new value of one key beside the old value of the other. A torn read.
 *
 * <p>{@link StampedLockConfig} is this class with the stamp added: the same map, whose reads are
 * validated against a writer that may have come by. Proven by
 * {@code SharedConfigLincheckTest.theSmallBudgetTheImplementationsPassCatchesTheTornReadOfTheConcurrentMapLesson}
 * ({@code update(1) || snapshot(): {a=1}}: half an update) and counted live by
 * {@code labs run lab10 --inject torn-read}.
 */
public final class ConcurrentMapConfig implements SharedConfig {

    private final ConcurrentHashMap<String, String> entries = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public String name() {
        return "concurrent-map";
    }

    @Override
    public Sharing sharing() {
        return Sharing.SNAPSHOTS;
    }

    @Override
    public String get(String key) {
        SharedConfig.checkKey(key);
        return open("get").get(key);
    }

    /** A weakly consistent copy: it may see some of an update's puts and not the others. */
    @Override
    public Map<String, String> snapshot() {
        return Map.copyOf(open("snapshot"));
    }

    @Override
    public <R> R read(Function<? super Map<String, String>, ? extends R> reading) {
        SharedConfig.checkReading(reading);
        return reading.apply(snapshot());
    }

    /** The bug: one put per key, each atomic, the whole not. */
    @Override
    public void update(Map<String, String> changes) {
        Map<String, String> checked = SharedConfig.checkChanges(changes);
        open("update").putAll(checked);
    }

    @Override
    public String putIfAbsent(String key, String value) {
        SharedConfig.checkKey(key);
        SharedConfig.checkValue(value);
        return open("putIfAbsent").putIfAbsent(key, value);
    }

    @Override
    public void close() {
        closed = true;
    }

    private ConcurrentHashMap<String, String> open(String call) {
        if (closed) {
            throw SharedConfig.closed(name(), call);
        }
        return entries;
    }
}
