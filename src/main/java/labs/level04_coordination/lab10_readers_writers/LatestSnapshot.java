package labs.level04_coordination.lab10_readers_writers;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a lane's readers read, shared by {@link ReactorLaneConfig} and {@link RxJavaLaneConfig}: the
 * latest snapshot, replaced on the lane only, and whether the config is closed. The edge's reads take
 * it without waiting; the lane's tasks look at it to build the next snapshot.
 */
final class LatestSnapshot {

    private final String config;
    /** Written on the lane only; volatile for the readers on every other thread. */
    private volatile Map<String, String> latest = Map.of();
    private final AtomicBoolean closed = new AtomicBoolean();

    LatestSnapshot(String config) {
        this.config = config;
    }

    /** The latest snapshot, for the lane's next write. */
    Map<String, String> latest() {
        return latest;
    }

    /** On the lane only: {@code next} becomes the latest snapshot. */
    void replaceWith(Map<String, String> next) {
        latest = next;
    }

    /** Marks the config closed; true for the one call that did. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }

    boolean isClosed() {
        return closed.get();
    }

    /** The latest snapshot for a reader's {@code call}, refused once the config is closed. */
    Map<String, String> open(String call) {
        if (closed.get()) {
            throw SharedConfig.closed(config, call);
        }
        return latest;
    }
}
