package labs.level04_coordination.lab10_readers_writers;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * YOUR single-writer lane — lab10's starting point, in RxJava 3. No lock: every write is a task on
 * one lane, and each write publishes a new immutable snapshot that readers read without waiting.
 * Replace every {@code TODO(lab10)}; the lab's tests (the contract test and Lincheck for
 * {@code rxjava-lane}, {@code RxJavaLaneInVirtualTimeTest}, {@code NonBlockingThreadsTest}) and the
 * diagrams in {@code marbles/lab10_readers_writers.md} then check your code. The spec:
 * docs/labs/level04_coordination/lab10_readers_writers/README.md.
 *
 * <p>The shape: a reactive core, and a thin blocking edge over it.
 * <ul>
 *   <li>The lane: one {@link Scheduler.Worker} of {@code lane} — a worker runs its tasks one at a
 *       time, in the order they came, so tasks on it need no lock. (What happens to a task scheduled
 *       on a worker that has been disposed? Who would be left waiting for it?)</li>
 *   <li>{@link #write} — a {@code Single} of the snapshot this write made, once the lane applied it.
 *       Bad input throws at once ({@link SharedConfig#checkChanges}).</li>
 *   <li>{@link #writeIfAbsent} — the look and the set as one task on the lane: a {@code Maybe} of the
 *       value already there, or empty when this write set it.</li>
 *   <li>{@link #snapshots} — the latest snapshot at once, then each new one (which processor hands a
 *       late subscriber the latest value?), delivered on {@code readers}: a reader's own work must
 *       never run on the lane, and a slow reader skips to the latest instead of being a buffer the
 *       writer fills. (What does that processor do to a subscriber that has not requested?)</li>
 *   <li>{@link #shutdown} — later calls are refused ({@link SharedConfig#closed}), even writes
 *       already queued on the lane; the snapshots complete.</li>
 *   <li>The {@link SharedConfig} methods — the blocking edge: a write blocks once on its
 *       {@code Single}/{@code Maybe}, on the caller's thread; a read is the latest snapshot, taken
 *       without waiting.</li>
 * </ul>
 * Nothing on the lane may park (BlockHound watches {@code single()} and {@code computation()}). The
 * reference solution is in {@code src/main/java}, one file away — try first.
 *
 * <p><b>Scheduler:</b> TODO(lab10): which thread runs the writes, and which delivers the snapshots.
 *
 * <p><b>Backpressure:</b> TODO(lab10): what bounds the writes waiting on the lane, and what a slow
 * reader sees.
 */
public final class RxJavaLaneConfig implements SharedConfig {

    private final Scheduler lane;
    private final Scheduler readers;

    /** Writes on a worker of {@code single()}, snapshots delivered on {@code computation()}. */
    public RxJavaLaneConfig() {
        this(Schedulers.single(), Schedulers.computation());
    }

    public RxJavaLaneConfig(Scheduler lane, Scheduler readers) {
        this.lane = Objects.requireNonNull(lane, "lane");
        this.readers = Objects.requireNonNull(readers, "readers");
        // TODO(lab10): the lane (one worker of `lane`), the processor of snapshots, and the latest snapshot for the edge's reads
    }

    @Override
    public String name() {
        return "rxjava-lane";
    }

    @Override
    public Sharing sharing() {
        return Sharing.SNAPSHOTS;
    }

    public Single<Map<String, String>> write(Map<String, String> changes) {
        throw new UnsupportedOperationException("TODO(lab10): on the lane, publish the latest snapshot merged with the changes; emit it");
    }

    public Maybe<String> writeIfAbsent(String key, String value) {
        throw new UnsupportedOperationException("TODO(lab10): on the lane, look and set in one task; emit the value that was there, or complete empty");
    }

    public Flowable<Map<String, String>> snapshots() {
        throw new UnsupportedOperationException("TODO(lab10): the latest snapshot, then each new one, keeping only the latest for a slow reader, on `readers`");
    }

    public Completable shutdown() {
        throw new UnsupportedOperationException("TODO(lab10): refuse later calls; on the lane, complete the snapshots");
    }

    @Override
    public String get(String key) {
        throw new UnsupportedOperationException("TODO(lab10): the value under key in the latest snapshot (refused once closed)");
    }

    @Override
    public Map<String, String> snapshot() {
        throw new UnsupportedOperationException("TODO(lab10): the latest snapshot");
    }

    @Override
    public <R> R read(Function<? super Map<String, String>, ? extends R> reading) {
        throw new UnsupportedOperationException("TODO(lab10): call reading with the latest snapshot");
    }

    @Override
    public void update(Map<String, String> changes) {
        throw new UnsupportedOperationException("TODO(lab10): block once on write(changes)");
    }

    @Override
    public String putIfAbsent(String key, String value) {
        throw new UnsupportedOperationException("TODO(lab10): block once on writeIfAbsent(key, value)");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO(lab10): block once on shutdown()");
    }
}
