package labs.level04_coordination.lab10_readers_writers;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab10_readers_writers.md} to the lab's single-writer lanes: every scenario
 * builds a {@link ReactorLaneConfig} (and an {@link RxJavaLaneConfig}) with the run's virtual-time
 * scheduler as its lane and its readers' scheduler. The output is a reader of its
 * {@code snapshots()}, each drawn as the value under its key ({@code 0} while none); the writer lines
 * drive its {@code write} / {@code writeIfAbsent}, and once every writer has completed the binding
 * calls {@code shutdown()}, which completes the snapshots. Probes: {@code written} when a write is
 * done, {@code answers} what each {@code writeIfAbsent} answered ({@code n}: empty, it set the key).
 */
@MarbleFile("lab10_readers_writers.md")
public final class ReadersWritersMarbles implements MarbleBinding {

    private static final String EVERY_WRITE = "every write is a new snapshot, and a reader sees it at once";
    private static final String LATE_READER = "a late reader starts from the latest snapshot";
    private static final String PUT_IF_ABSENT = "two putIfAbsent in one frame: the lane lets one win";
    private static final String SLOW_READER = "a slow reader never holds the writer back";

    @Override
    public void bind(Bindings bindings) {
        bindings.bind(EVERY_WRITE,
                run -> reactor(run, config -> drawn(config.snapshots(), "mode"), config -> writes(run, config, false)),
                run -> rxJava(run, config -> drawn(config.snapshots(), "mode"), config -> writes(run, config, false)));
        bindings.bind(LATE_READER,
                run -> reactor(run, config -> drawn(config.snapshots().delaySubscription(subscribeAt(run), run.scheduler()), "mode"),
                        config -> writes(run, config, false)),
                run -> rxJava(run, config -> drawn(config.snapshots()
                        .delaySubscription(subscribeAt(run).toMillis(), TimeUnit.MILLISECONDS, run.scheduler()), "mode"), config -> writes(run, config, false)));
        bindings.bind(PUT_IF_ABSENT,
                run -> reactor(run, config -> drawn(config.snapshots(), "leader"),
                        config -> Flux.merge(leaderBids(run, config, "first"), leaderBids(run, config, "second")).then()),
                run -> rxJava(run, config -> drawn(config.snapshots(), "leader"),
                        config -> Flowable.merge(leaderBids(run, config, "first"), leaderBids(run, config, "second")).ignoreElements()));
        bindings.bind(SLOW_READER,
                run -> reactor(run, config -> config.snapshots()
                        .concatMap(s -> Mono.delay(readTakes(run), run.scheduler()).thenReturn(label(s, "mode")), 0), config -> writes(run, config, true)),
                run -> rxJava(run, config -> config.snapshots()
                        .concatMapSingle(s -> Single.timer(readTakes(run).toMillis(), TimeUnit.MILLISECONDS, run.scheduler()).map(t -> label(s, "mode")), 1),
                        config -> writes(run, config, true)));
    }

    /** Reactor: the reader's output, while the writers write; shutdown once they are done. */
    private static Flux<String> reactor(ReactorCase run, Function<ReactorLaneConfig, Flux<String>> reader,
                                        Function<ReactorLaneConfig, Mono<Void>> writers) {
        return Flux.defer(() -> {
            ReactorLaneConfig config = new ReactorLaneConfig(run.scheduler(), run.scheduler());
            // The reader subscribes first: at frame 0 it holds the initial snapshot before any write.
            return Flux.merge(reader.apply(config), writers.apply(config).then(config.shutdown()).then(Mono.<String>empty()));
        });
    }

    private static Flowable<String> rxJava(RxJavaCase run, Function<RxJavaLaneConfig, Flowable<String>> reader,
                                           Function<RxJavaLaneConfig, Completable> writers) {
        return Flowable.defer(() -> {
            RxJavaLaneConfig config = new RxJavaLaneConfig(run.scheduler(), run.scheduler());
            return reader.apply(config).mergeWith(writers.apply(config).andThen(config.shutdown()));
        });
    }

    /** The {@code writes} line: one write per letter, in order; {@code written} is probed as each is done. */
    private static Mono<Void> writes(ReactorCase run, ReactorLaneConfig config, boolean probed) {
        return run.flux("writes").concatMap(mode -> config.write(Map.of("mode", mode)).doOnNext(done -> written(run, mode, probed))).then();
    }

    private static Completable writes(RxJavaCase run, RxJavaLaneConfig config, boolean probed) {
        return run.flowable("writes").concatMapSingle(mode -> config.write(Map.of("mode", mode)).doOnSuccess(done -> written(run, mode, probed))).ignoreElements();
    }

    /** Probes {@code written}, in the diagrams that draw the line. */
    private static void written(MarbleCase run, String mode, boolean probed) {
        if (probed) {
            run.probe("written", mode);
        }
    }

    /** A writer line of the putIfAbsent diagram: each letter bids for {@code leader}; its answer is probed. */
    private static Flux<String> leaderBids(ReactorCase run, ReactorLaneConfig config, String line) {
        return run.flux(line).concatMap(v -> config.writeIfAbsent("leader", v).defaultIfEmpty("n").doOnNext(answer -> run.probe("answers", answer)));
    }

    private static Flowable<String> leaderBids(RxJavaCase run, RxJavaLaneConfig config, String line) {
        return run.flowable(line).concatMapSingle(v -> config.writeIfAbsent("leader", v).defaultIfEmpty("n").doOnSuccess(answer -> run.probe("answers", answer)));
    }

    private static Flux<String> drawn(Flux<Map<String, String>> snapshots, String key) {
        return snapshots.map(s -> label(s, key));
    }

    private static Flowable<String> drawn(Flowable<Map<String, String>> snapshots, String key) {
        return snapshots.map(s -> label(s, key));
    }

    /** A snapshot as the diagram draws it: its value under {@code key}, {@code 0} while it has none. */
    private static String label(Map<String, String> snapshot, String key) {
        return snapshot.getOrDefault(key, "0");
    }

    private static Duration subscribeAt(MarbleCase run) {
        return MarbleCase.duration(run.given("subscribeAt"));
    }

    private static Duration readTakes(MarbleCase run) {
        return MarbleCase.duration(run.given("readTakes"));
    }
}
