package labs.level04_coordination.lab10_readers_writers;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Copy-on-write: the whole configuration is one immutable {@link Map} in an
 * {@link AtomicReference}. A reader reads the reference once and has a snapshot no one can change:
 * it never waits, never locks, and cannot see half an update. A writer copies the map, applies its
 * change to the copy, and publishes the copy with {@code compareAndSet}; if another writer published
 * first, it starts again from theirs.
 *
 * <p>The cost is on the write side: every update copies every entry, and under heavy write
 * contention writers retry (each retry one more copy). For a read-mostly configuration that is the
 * right trade; for a write-heavy map it is not (NOTES.md: the 50/50 mix).
 */
public final class CopyOnWriteConfig implements SharedConfig {

    /** What the reference holds: the entries, or the mark that the config was closed. */
    private record State(Map<String, String> entries, boolean closed) {
    }

    private final AtomicReference<State> state = new AtomicReference<>(new State(Map.of(), false));

    @Override
    public String name() {
        return "copy-on-write";
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

    @Override
    public Map<String, String> snapshot() {
        return open("snapshot");
    }

    @Override
    public <R> R read(Function<? super Map<String, String>, ? extends R> reading) {
        SharedConfig.checkReading(reading);
        return reading.apply(open("read"));
    }

    @Override
    public void update(Map<String, String> changes) {
        Map<String, String> checked = SharedConfig.checkChanges(changes);
        while (true) {
            State seen = state.get();
            Map<String, String> next = SharedConfig.merged(entriesOf(seen, "update"), checked);
            if (state.compareAndSet(seen, new State(next, false))) {
                return;
            }
        }
    }

    @Override
    public String putIfAbsent(String key, String value) {
        SharedConfig.checkKey(key);
        SharedConfig.checkValue(value);
        while (true) {
            State seen = state.get();
            String present = entriesOf(seen, "putIfAbsent").get(key);
            if (present != null) {
                return present;
            }
            if (state.compareAndSet(seen, new State(SharedConfig.merged(seen.entries(), Map.of(key, value)), false))) {
                return null;
            }
        }
    }

    @Override
    public void close() {
        state.updateAndGet(seen -> new State(seen.entries(), true));
    }

    private Map<String, String> open(String call) {
        return entriesOf(state.get(), call);
    }

    private Map<String, String> entriesOf(State seen, String call) {
        if (seen.closed()) {
            throw SharedConfig.closed(name(), call);
        }
        return seen.entries();
    }
}
