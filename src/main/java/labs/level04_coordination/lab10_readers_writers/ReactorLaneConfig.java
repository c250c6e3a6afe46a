package labs.level04_coordination.lab10_readers_writers;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: a single writer instead of a lock. Every write is a task on one lane — one
 * {@link Scheduler.Worker}, which runs its tasks one at a time, in the order they came — and each
 * write publishes a new immutable snapshot. Readers never wait and never lock: they read the
 * latest snapshot, or subscribe to the stream of them.
 *
 * <p>The reactive core:
 * <ul>
 *   <li>{@link #write} — a {@code Mono} of the snapshot this write made, once the lane applied it;</li>
 *   <li>{@link #writeIfAbsent} — the check and the insert as one task on the lane: a {@code Mono}
 *       of the value already there, or empty when this write set it. No lock, so no upgrade;</li>
 *   <li>{@link #snapshots} — the latest snapshot at once, then each new one (a replay-latest sink);</li>
 *   <li>{@link #shutdown} — a {@code Mono} that completes once the lane has closed the config.</li>
 * </ul>
 * The blocking {@link SharedConfig} is a thin edge over it: a write blocks on its {@code Mono}
 * once, on the caller's thread; a read is the latest snapshot, taken without waiting.
 *
 * <p><b>Scheduler:</b> two, given to the constructor. The lane is one worker of {@code lane}
 * ({@link Schedulers#single()} by default: a worker owns no thread of its own, so a config starts
 * none); every write and the close run there, one at a time. It must be a worker that never runs two
 * tasks at once: the worker of a virtual-time scheduler, of {@code parallel()}, of
 * {@code fromExecutor(executor, true)} are; {@code Schedulers.immediate()}'s, which runs each task on
 * its caller, is not. {@link #snapshots} delivers on {@code readers} ({@link Schedulers#parallel()}
 * by default), so a reader's own work never runs on the lane, where it would hold back every write
 * behind it. Nothing here parks: the lane's tasks merge maps and emit.
 *
 * <p><b>Backpressure:</b> none toward writers: a write is a task queued on the lane, and the lane's
 * queue has no bound (a config's writes are rare by assumption). Toward readers, {@link #snapshots}
 * keeps only the latest: {@code onBackpressureLatest()} then {@code publishOn(readers, 1)}, so a slow
 * reader skips the snapshots it had no room for and is never a buffer the writer fills — it sees at
 * most one stale snapshot (the one {@code publishOn} holds) before the newest.
 */
public final class ReactorLaneConfig implements SharedConfig {

    private final Scheduler.Worker lane;
    private final Scheduler readers;
    /** Emitted on the lane only, so its emissions never race (rule 1.3). */
    private final Sinks.Many<Map<String, String>> published = Sinks.many().replay().latestOrDefault(Map.of());
    private final LatestSnapshot current = new LatestSnapshot("reactor-lane");

    /** Writes on a worker of {@code single()}, snapshots delivered on {@code parallel()}. */
    public ReactorLaneConfig() {
        this(Schedulers.single(), Schedulers.parallel());
    }

    public ReactorLaneConfig(Scheduler lane, Scheduler readers) {
        this.lane = Objects.requireNonNull(lane, "lane").createWorker();
        this.readers = Objects.requireNonNull(readers, "readers");
    }

    @Override
    public String name() {
        return "reactor-lane";
    }

    @Override
    public Sharing sharing() {
        return Sharing.SNAPSHOTS;
    }

    /** Applies {@code changes} on the lane; emits the snapshot it made. Bad input throws at once. */
    public Mono<Map<String, String>> write(Map<String, String> changes) {
        Map<String, String> checked = SharedConfig.checkChanges(changes);
        return onLane("update", () -> publish(SharedConfig.merged(current.latest(), checked)));
    }

    /** Sets {@code key} on the lane unless it has a value: emits the value it had, or completes empty if this write set it. */
    public Mono<String> writeIfAbsent(String key, String value) {
        SharedConfig.checkKey(key);
        SharedConfig.checkValue(value);
        return onLane("putIfAbsent", () -> {
            String present = current.latest().get(key);
            if (present == null) {
                publish(SharedConfig.merged(current.latest(), Map.of(key, value)));
            }
            return present; // null: an empty Mono, "this write set it"
        });
    }

    /** The latest snapshot at once, then every new one, delivered on {@code readers}; completes when the config closes. */
    public Flux<Map<String, String>> snapshots() {
        return Flux.defer(() -> current.isClosed() ? Flux.<Map<String, String>>error(SharedConfig.closed(name(), "snapshots")) : published.asFlux())
                .onBackpressureLatest()
                .publishOn(readers, 1);
    }

    /**
     * Closes the config: later calls are refused at once; writes already queued on the lane are
     * refused there; the snapshots complete. Completes once the lane has done it; a second call
     * completes at once.
     */
    public Mono<Void> shutdown() {
        return Mono.create(sink -> {
            if (!current.close()) {
                sink.success();
                return;
            }
            lane.schedule(() -> {
                published.tryEmitComplete();
                sink.success();
            });
        });
    }

    /** On the lane only. */
    private Map<String, String> publish(Map<String, String> next) {
        current.replaceWith(next);
        published.tryEmitNext(next); // cannot fail: one emitter (the lane), a replay sink buffers for any subscriber
        return next;
    }

    /** {@code write} as a task on the lane; refused, at the call or on the lane, once the config is closed. */
    private <T> Mono<T> onLane(String call, Supplier<T> write) {
        return Mono.create(sink -> {
            if (current.isClosed()) {
                sink.error(SharedConfig.closed(name(), call));
                return;
            }
            try {
                sink.onCancel(lane.schedule(() -> {
                    if (current.isClosed()) {
                        sink.error(SharedConfig.closed(name(), call));
                        return;
                    }
                    try {
                        sink.success(write.get());
                    } catch (RuntimeException | Error e) {
                        sink.error(e); // to the writer, who rethrows it as it is: never swallowed on the lane
                    }
                }));
            } catch (RejectedExecutionException e) {
                sink.error(new IllegalStateException("shared config '" + name() + "': its lane's scheduler was disposed: " + call + " refused", e));
            }
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

    /** The blocking edge: blocks the calling thread until the lane has applied it — never call it on a non-blocking thread. */
    @Override
    public void update(Map<String, String> changes) {
        await(write(changes));
    }

    @Override
    public String putIfAbsent(String key, String value) {
        return await(writeIfAbsent(key, value));
    }

    @Override
    public void close() {
        await(shutdown());
    }

    private static <T> T await(Mono<T> done) {
        try {
            return done.block();
        } catch (RuntimeException e) {
            // block() wraps an Error it cannot throw as it is: unwrap it, so it reaches the caller unchanged.
            if (Exceptions.unwrap(e) instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
