package labs.level04_coordination.lab10_readers_writers;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.processors.BehaviorProcessor;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * RxJava 3: the single-writer lane of {@link ReactorLaneConfig}, with RxJava's types. Every write is
 * a task on one {@link Scheduler.Worker} (tasks one at a time, in order) and publishes a new
 * immutable snapshot into a {@link BehaviorProcessor}, which holds the latest for late subscribers.
 *
 * <p>The reactive core: {@link #write} ({@code Single} of the new snapshot), {@link #writeIfAbsent}
 * ({@code Maybe} of the value already there, empty when this write set it), {@link #snapshots} and
 * {@link #shutdown} ({@code Completable}); the blocking {@link SharedConfig} is a thin edge over it.
 *
 * <p><b>Scheduler:</b> the lane is one worker of {@code lane} ({@link Schedulers#single()} by
 * default); every write and the close run there. {@link #snapshots} delivers on {@code readers}
 * ({@link Schedulers#computation()} by default), so a reader's work never runs on the lane. Nothing
 * here parks. The lane is never disposed: an RxJava worker that is disposed drops a task scheduled on
 * it without a word, and a writer waiting on that task would wait for ever; after close every task
 * it still gets answers "closed" instead.
 *
 * <p><b>Backpressure:</b> none toward writers (the lane's queue is unbounded). Toward readers,
 * {@code BehaviorProcessor} has no buffer: a subscriber that has not requested would get a
 * {@code MissingBackpressureException}. {@link #snapshots} therefore puts
 * {@code onBackpressureLatest()} in front of {@code observeOn(readers, false, 1)}: a slow reader skips
 * to the latest snapshot (after at most one stale one, held by {@code observeOn}).
 */
public final class RxJavaLaneConfig implements SharedConfig {

    private final Scheduler.Worker lane;
    private final Scheduler readers;
    /** Emitted on the lane only (a BehaviorProcessor must not be fed from two threads at once). */
    private final BehaviorProcessor<Map<String, String>> published = BehaviorProcessor.createDefault(Map.of());
    private final LatestSnapshot current = new LatestSnapshot("rxjava-lane");

    /** Writes on a worker of {@code single()}, snapshots delivered on {@code computation()}. */
    public RxJavaLaneConfig() {
        this(Schedulers.single(), Schedulers.computation());
    }

    public RxJavaLaneConfig(Scheduler lane, Scheduler readers) {
        this.lane = Objects.requireNonNull(lane, "lane").createWorker();
        this.readers = Objects.requireNonNull(readers, "readers");
    }

    @Override
    public String name() {
        return "rxjava-lane";
    }

    @Override
    public Sharing sharing() {
        return Sharing.SNAPSHOTS;
    }

    /** Applies {@code changes} on the lane; emits the snapshot it made. Bad input throws at once. */
    public Single<Map<String, String>> write(Map<String, String> changes) {
        Map<String, String> checked = SharedConfig.checkChanges(changes);
        return onLane("update", () -> publish(SharedConfig.merged(current.latest(), checked))).toSingle();
    }

    /** Sets {@code key} on the lane unless it has a value: emits the value it had, or completes empty if this write set it. */
    public Maybe<String> writeIfAbsent(String key, String value) {
        SharedConfig.checkKey(key);
        SharedConfig.checkValue(value);
        return onLane("putIfAbsent", () -> {
            String present = current.latest().get(key);
            if (present == null) {
                publish(SharedConfig.merged(current.latest(), Map.of(key, value)));
            }
            return present;
        });
    }

    /** The latest snapshot at once, then every new one, delivered on {@code readers}; completes when the config closes. */
    public Flowable<Map<String, String>> snapshots() {
        return Flowable.defer(() -> current.isClosed() ? Flowable.<Map<String, String>>error(SharedConfig.closed(name(), "snapshots")) : published)
                .onBackpressureLatest()
                .observeOn(readers, false, 1);
    }

    /** Closes the config (see {@link ReactorLaneConfig#shutdown}); a second call completes at once. */
    public Completable shutdown() {
        return Completable.create(emitter -> {
            if (!current.close()) {
                emitter.onComplete();
                return;
            }
            lane.schedule(() -> {
                published.onComplete();
                emitter.onComplete();
            });
        });
    }

    private Map<String, String> publish(Map<String, String> next) {
        current.replaceWith(next);
        published.onNext(next);
        return next;
    }

    private <T> Maybe<T> onLane(String call, Supplier<T> write) {
        return Maybe.create(emitter -> {
            if (current.isClosed()) {
                emitter.tryOnError(SharedConfig.closed(name(), call));
                return;
            }
            emitter.setDisposable(lane.schedule(() -> {
                if (current.isClosed()) {
                    emitter.tryOnError(SharedConfig.closed(name(), call));
                    return;
                }
                T result;
                try {
                    result = write.get();
                } catch (RuntimeException | Error e) {
                    emitter.tryOnError(e); // to the writer, who rethrows it as it is: never swallowed on the lane
                    return;
                }
                if (result == null) {
                    emitter.onComplete();
                } else {
                    emitter.onSuccess(result);
                }
            }));
        });
    }

    @Override
    public String get(String key) {
        SharedConfig.checkKey(key);
        return current.open("get").get(key);
    }

    @Override
    public Map<String, String> snapshot() {
        return current.open("snapshot");
    }

    @Override
    public <R> R read(Function<? super Map<String, String>, ? extends R> reading) {
        SharedConfig.checkReading(reading);
        return reading.apply(current.open("read"));
    }

    /** The blocking edge: blocks the calling thread until the lane has applied it — never on a non-blocking thread. */
    @Override
    public void update(Map<String, String> changes) {
        write(changes).blockingGet();
    }

    @Override
    public String putIfAbsent(String key, String value) {
        return writeIfAbsent(key, value).blockingGet();
    }

    @Override
    public void close() {
        shutdown().blockingAwait();
    }

}
