package labs.level04_coordination.lab10_readers_writers;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import labs.support.Hint;
import org.junit.jupiter.api.Test;

/**
 * {@link RxJavaLaneConfig}'s reactive core on a {@link TestScheduler}, as its lane and its readers'
 * scheduler: the same failures as {@link ReactorLaneInVirtualTimeTest}, plus two a TestScheduler can
 * stage because it runs a task only when the test moves the clock — a write still queued on the lane
 * when the config closes, and a write whose subscriber leaves before the lane gets to it.
 */
class RxJavaLaneInVirtualTimeTest {

    private final TestScheduler clock = new TestScheduler();
    private final RxJavaLaneConfig config = new RxJavaLaneConfig(clock, clock);

    /**
     * Writer starvation's twin: writes at 1, 2, 3, 4 ms are done at those instants while a reader
     * needing 10 ms per snapshot lags behind, and skips to the latest: after the initial snapshot it
     * sees 1 (held by {@code observeOn}'s one slot), then 4, as Reactor's does.
     */
    @Test
    @Hint("Readers must never run on the lane or be a buffer the writer fills: observe snapshots on the readers' scheduler, keeping only the latest for a reader that is behind.")
    void aSlowReaderNeverHoldsTheWriterBackAndSkipsToTheLatestSnapshot() {
        List<Long> writesDoneAt = new CopyOnWriteArrayList<>();
        TestSubscriber<String> reader = config.snapshots()
                .concatMapSingle(snapshot -> io.reactivex.rxjava3.core.Single.timer(10, TimeUnit.MILLISECONDS, clock).map(t -> snapshot.getOrDefault("v", "-")), 1)
                .test();
        Flowable.intervalRange(1, 4, 1, 1, TimeUnit.MILLISECONDS, clock)
                .concatMapSingle(i -> config.write(Map.of("v", String.valueOf(i))).doOnSuccess(done -> writesDoneAt.add(clock.now(TimeUnit.MILLISECONDS))))
                .subscribe();

        clock.advanceTimeTo(4, TimeUnit.MILLISECONDS);
        assertThat(writesDoneAt).as("when each write was done (ms), written at 1, 2, 3 and 4 ms").containsExactly(1L, 2L, 3L, 4L);
        clock.advanceTimeTo(60, TimeUnit.MILLISECONDS);
        reader.assertValues("-", "1", "4").assertNotComplete();
        config.shutdown().subscribe();
        clock.triggerActions();
        reader.assertComplete();
    }

    @Test
    @Hint("Do the look and the set in one task on the lane: no other write can run between them.")
    void twoWriteIfAbsentInOneInstantOneSetsTheKeyAndTheOtherGetsItsValue() {
        TestSubscriber<String> answers = Flowable.merge(config.writeIfAbsent("leader", "first").defaultIfEmpty("set it").toFlowable(),
                config.writeIfAbsent("leader", "second").defaultIfEmpty("set it").toFlowable()).test();
        clock.triggerActions();
        answers.assertValues("set it", "first").assertComplete();
    }

    @Test
    @Hint("Build the new map aside and publish it in one step; never change a map a reader may hold.")
    void everySnapshotAReaderSeesHoldsAWholeUpdate() {
        TestSubscriber<String> reader = config.snapshots().map(s -> s.getOrDefault("host", "-") + "/" + s.getOrDefault("port", "-")).test();
        Flowable.intervalRange(1, 3, 1, 1, TimeUnit.MILLISECONDS, clock)
                .concatMapSingle(i -> config.write(Map.of("host", "h" + i, "port", "p" + i)))
                .ignoreElements().andThen(config.shutdown()).subscribe();
        clock.advanceTimeTo(3, TimeUnit.MILLISECONDS);
        reader.assertValues("-/-", "h1/p1", "h2/p2", "h3/p3").assertComplete();
    }

    /** Closed is closed: a write still queued when the config closes is refused on the lane, not applied. */
    @Test
    @Hint("The lane must look at the closed flag when it runs a write, not only when the write was asked for.")
    void aWriteStillQueuedOnTheLaneWhenTheConfigClosesIsRefusedThere() {
        TestSubscriber<Map<String, String>> reader = config.snapshots().test();
        TestObserver<Map<String, String>> write = config.write(Map.of("k", "queued")).test();
        config.shutdown().subscribe(); // the write's task is still queued: the TestScheduler has not run it
        clock.triggerActions();

        write.assertError(e -> e instanceof IllegalStateException && e.getMessage().contains("'rxjava-lane' is closed: update refused"));
        reader.assertValues(Map.of()).assertComplete();
    }

    /** A writer that leaves before the lane runs its write takes the write with it. */
    @Test
    void aWriteDisposedBeforeTheLaneRunsItIsNeverApplied() {
        Disposable write = config.write(Map.of("k", "abandoned")).subscribe();
        write.dispose();
        clock.triggerActions();

        TestSubscriber<Map<String, String>> reader = config.snapshots().test();
        clock.triggerActions();
        reader.assertValues(Map.of());
    }
}
