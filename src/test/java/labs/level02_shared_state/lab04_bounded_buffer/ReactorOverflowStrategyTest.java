package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A fast producer, a slow consumer, a buffer of 2, in virtual time. The producer emits 0..5, one
 * every 10 ms (t = 10, 20, … 60 ms) and ignores demand; the consumer has requested nothing until it
 * asks for one item at t = 40 ms, and for the rest at t = 60 ms. Marbles:
 * marbles/lab04_bounded_buffer.md. The publisher is built inside the supplier, as virtual time needs.
 */
class ReactorOverflowStrategyTest {

    private static final Duration TICK = Duration.ofMillis(10);

    private static Flux<Long> producer() {
        return Flux.interval(TICK).take(6);
    }

    @Test
    void dropLatestKeepsWhatIsHeldAndDropsEachArrivalThatDoesNotFit() {
        List<Long> dropped = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> ReactorBackpressure.bounded(producer(), 2, BufferOverflowStrategy.DROP_LATEST, dropped::add), 0)
                .expectSubscription()
                .thenAwait(Duration.ofMillis(40))                 // 0,1 held; 2,3 arrive to a full buffer
                .then(() -> assertThat(dropped).containsExactly(2L, 3L))
                .thenRequest(1)
                .expectNext(0L)                                   // room for one: 4 fits at t=50
                .thenAwait(Duration.ofMillis(20))                 // 5 arrives at t=60 to a full buffer
                .thenRequest(Long.MAX_VALUE)
                .expectNext(1L, 4L)
                .verifyComplete();
        assertThat(dropped).containsExactly(2L, 3L, 5L);
    }

    @Test
    void dropOldestMakesRoomForEachArrivalByDroppingTheLongestHeld() {
        List<Long> dropped = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> ReactorBackpressure.bounded(producer(), 2, BufferOverflowStrategy.DROP_OLDEST, dropped::add), 0)
                .expectSubscription()
                .thenAwait(Duration.ofMillis(40))
                .then(() -> assertThat(dropped).containsExactly(0L, 1L))
                .thenRequest(1)
                .expectNext(2L)
                .thenAwait(Duration.ofMillis(20))
                .thenRequest(Long.MAX_VALUE)
                .expectNext(4L, 5L)
                .verifyComplete();
        assertThat(dropped).containsExactly(0L, 1L, 3L);
    }

    @Test
    void errorCancelsTheProducerAtTheFirstArrivalThatDoesNotFitButDeliversWhatIsHeldBeforeTheError() {
        List<String> events = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> ReactorBackpressure.bounded(
                        producer().doOnCancel(() -> events.add(now() + " ms: producer cancelled")),
                        2, BufferOverflowStrategy.ERROR, item -> events.add(now() + " ms: dropped " + item)), 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(40))             // the overflow at t=30 is not yet visible downstream
                .then(() -> assertThat(events).containsExactly("30 ms: dropped 2", "30 ms: producer cancelled"))
                .thenRequest(1)
                .expectNext(0L)
                .thenRequest(1)
                .expectNext(1L)                                   // the error waits behind the held items
                .expectErrorMatches(Exceptions::isOverflow)
                .verify();
    }

    private static long now() {
        return VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS);
    }

    @Test
    void limitRateAsksForTheBatchThenTopsUpByThreeQuarters() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        StepVerifier.create(ReactorBackpressure.inBatches(Flux.range(1, 20).doOnRequest(requests::add), 8))
                .expectNextCount(20)
                .verifyComplete();
        assertThat(requests).containsExactly(8L, 6L, 6L, 6L);
    }

    @Test
    void capacityBelowOneIsRejected() {
        assertThatThrownBy(() -> ReactorBackpressure.bounded(Flux.just(1), 0, BufferOverflowStrategy.ERROR, x -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1 (got 0)");
    }
}
