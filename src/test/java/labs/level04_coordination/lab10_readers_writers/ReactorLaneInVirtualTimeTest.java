package labs.level04_coordination.lab10_readers_writers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The lab's failures, on {@link ReactorLaneConfig}'s reactive core, in virtual time: the core is
 * built inside each {@code withVirtualTime} supplier and given {@code VirtualTimeScheduler.get()} as
 * its lane and its readers' scheduler, so an hour of readers and writers takes milliseconds and
 * lands on the same instants every run. Each test is named for what the lane does where a lock
 * fails: writer starvation, the read-to-write upgrade, the torn read, use after close.
 */
class ReactorLaneInVirtualTimeTest {

    private static final Duration READ_TAKES = Duration.ofMillis(10);

    /**
     * Writer starvation's twin. A reader that needs 10 ms per snapshot, and a writer every 1 ms: each
     * write is done at the instant it was made (the writer never waits for the reader), and the
     * slow reader skips to the latest snapshot: after the initial one it sees 1, held by
     * {@code publishOn}'s one slot, then 4 — never 2 or 3.
     */
    @Test
    @Hint("Readers must never run on the lane or be a buffer the writer fills: deliver snapshots on the readers' scheduler, keeping only the latest for a reader that is behind.")
    void aSlowReaderNeverHoldsTheWriterBackAndSkipsToTheLatestSnapshot() {
        List<Long> writesDoneAt = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> {
                    VirtualTimeScheduler clock = VirtualTimeScheduler.get();
                    ReactorLaneConfig config = new ReactorLaneConfig(clock, clock);
                    Flux<String> reader = config.snapshots()
                            .concatMap(snapshot -> Mono.delay(READ_TAKES, clock).thenReturn(snapshot.getOrDefault("v", "-")), 0);
                    Mono<String> writer = Flux.interval(Duration.ofMillis(1), clock).take(4)
                            .concatMap(i -> config.write(Map.of("v", String.valueOf(i + 1))).doOnNext(done -> writesDoneAt.add(clock.now(TimeUnit.MILLISECONDS))))
                            .then(Mono.delay(Duration.ofMillis(40), clock))
                            .then(config.shutdown())
                            .then(Mono.empty());
                    return Flux.merge(reader, writer);
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(10)).expectNext("-")
                .expectNoEvent(Duration.ofMillis(10)).expectNext("1")
                .expectNoEvent(Duration.ofMillis(10)).expectNext("4")
                .thenAwait(Duration.ofMillis(14))
                .verifyComplete();
        assertThat(writesDoneAt).as("when each write was done (ms), written at 1, 2, 3 and 4 ms").containsExactly(1L, 2L, 3L, 4L);
    }

    /** The read-to-write upgrade's twin: the check and the insert are one task on the lane, so there is nothing to upgrade. */
    @Test
    @Hint("Do the look and the set in one task on the lane: no other write can run between them.")
    void twoWriteIfAbsentInOneInstantOneSetsTheKeyAndTheOtherGetsItsValue() {
        StepVerifier.withVirtualTime(() -> {
                    VirtualTimeScheduler clock = VirtualTimeScheduler.get();
                    ReactorLaneConfig config = new ReactorLaneConfig(clock, clock);
                    return Flux.merge(config.writeIfAbsent("leader", "first").defaultIfEmpty("set it"),
                            config.writeIfAbsent("leader", "second").defaultIfEmpty("set it"));
                })
                .expectNext("set it", "first")
                .verifyComplete();
    }

    /** The torn read's twin: a write publishes one new snapshot; a reader sees it whole or not at all. */
    @Test
    @Hint("Build the new map aside and publish it in one step; never change a map a reader may hold.")
    void everySnapshotAReaderSeesHoldsAWholeUpdate() {
        StepVerifier.withVirtualTime(() -> {
                    VirtualTimeScheduler clock = VirtualTimeScheduler.get();
                    ReactorLaneConfig config = new ReactorLaneConfig(clock, clock);
                    Mono<Map<String, String>> writer = Flux.range(1, 3)
                            .delayElements(Duration.ofMillis(1), clock)
                            .concatMap(i -> config.write(Map.of("host", "h" + i, "port", "p" + i)))
                            .then(config.shutdown())
                            .then(Mono.empty());
                    return Flux.merge(config.snapshots().map(s -> s.getOrDefault("host", "-") + "/" + s.getOrDefault("port", "-")), writer);
                })
                .expectNext("-/-")
                .expectNoEvent(Duration.ofMillis(1)).expectNext("h1/p1")
                .expectNoEvent(Duration.ofMillis(1)).expectNext("h2/p2")
                .expectNoEvent(Duration.ofMillis(1)).expectNext("h3/p3")
                .verifyComplete();
    }

    @Test
    @Hint("After shutdown the lane takes no more writes: a write must fail with an error that names the config.")
    void afterShutdownAWriteIsRefusedNamingTheConfig() {
        StepVerifier.withVirtualTime(() -> {
                    VirtualTimeScheduler clock = VirtualTimeScheduler.get();
                    ReactorLaneConfig config = new ReactorLaneConfig(clock, clock);
                    return Mono.delay(Duration.ofMillis(5), clock).then(config.shutdown())
                            .then(Mono.delay(Duration.ofMillis(5), clock))
                            .then(config.write(Map.of("k", "late")));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(10))
                .expectErrorSatisfies(e -> assertThat(e).as("the write 5 ms after shutdown")
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'reactor-lane' is closed: update refused"))
                .verify();
    }
}
