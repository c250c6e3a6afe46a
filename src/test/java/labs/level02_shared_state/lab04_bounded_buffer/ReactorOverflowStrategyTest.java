package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The lab's Reactor core, {@link ReactorBackpressure}, in virtual time: the publisher is built
 * inside the supplier and the core is given {@code VirtualTimeScheduler.get()}.
 *
 * <p>{@link ReactorBackpressure#push}: a fast producer, a slow consumer, a buffer of 2. The
 * producer emits 0..5, one every 10 ms (t = 10, 20, … 60 ms), and ignores demand; the consumer
 * takes one item at a time and works 35 ms on each. Marbles: marbles/lab04_bounded_buffer.md.
 */
class ReactorOverflowStrategyTest {

    private static final Duration CONSUME = Duration.ofMillis(35);

    private static Flux<Long> producer() {
        return Flux.interval(Duration.ofMillis(10)).take(6);
    }

    private static ReactorBackpressure buffer(int capacity) {
        return new ReactorBackpressure(capacity, VirtualTimeScheduler.get());
    }

    private static Flux<Long> slowly(BufferOverflowStrategy strategy, List<? super Long> dropped) {
        return buffer(2).push(producer(), strategy, dropped::add, item -> Mono.delay(CONSUME));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    /**
     * A drop strategy's run: 0 is taken at 10 ms and done at 45, then one item is done every 35 ms
     * and the run completes with the last; {@code droppedBy45} is what was dropped by then.
     */
    private static void expectConsumedEvery35Ms(BufferOverflowStrategy strategy, List<Long> droppedBy45, List<Long> allDropped, Long... consumed) {
        List<Long> dropped = new CopyOnWriteArrayList<>();
        StepVerifier.Step<Long> run = StepVerifier.withVirtualTime(() -> slowly(strategy, dropped))
                .expectSubscription()
                .expectNoEvent(ms(45)).expectNext(consumed[0])
                .then(() -> assertThat(dropped).as("dropped by t = 45 ms").containsExactlyElementsOf(droppedBy45));
        for (int i = 1; i < consumed.length; i++) {
            run = run.expectNoEvent(CONSUME).expectNext(consumed[i]);
        }
        run.verifyComplete();
        assertThat(dropped).as("every item dropped, in order").containsExactlyElementsOf(allDropped);
    }

    @Test
    @Hint("DROP_LATEST in Reactor: when the buffer is full, the item arriving is the one dropped.")
    void dropLatestKeepsWhatIsHeldAndDropsEachArrivalThatDoesNotFit() {
        // 1, 2 held; 3 arrives to a full buffer at 40; 5 arrives to [2, 4] at 60
        expectConsumedEvery35Ms(BufferOverflowStrategy.DROP_LATEST, List.of(3L), List.of(3L, 5L), 0L, 1L, 2L, 4L);
    }

    @Test
    @Hint("DROP_OLDEST: when the buffer is full, the item held longest makes room for the arrival.")
    void dropOldestMakesRoomForEachArrivalByDroppingTheLongestHeld() {
        expectConsumedEvery35Ms(BufferOverflowStrategy.DROP_OLDEST, List.of(1L), List.of(1L, 3L), 0L, 2L, 4L, 5L);
    }

    @Test
    @Hint("Reactor's ERROR cancels the producer at the overflow, but the error queues behind the items already held.")
    void errorCancelsTheProducerAtTheFirstArrivalThatDoesNotFitButHandsOverWhatIsHeldBeforeTheError() {
        List<String> events = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> buffer(2).push(
                        producer().doOnCancel(() -> events.add(now() + " ms: producer cancelled")),
                        BufferOverflowStrategy.ERROR, item -> events.add(now() + " ms: dropped " + item), item -> Mono.delay(CONSUME)))
                .expectSubscription()
                .expectNoEvent(ms(45))                             // the overflow at t = 40 is not yet visible downstream
                .then(() -> assertThat(events).as("what happened by t = 45 ms").containsExactly("40 ms: dropped 3", "40 ms: producer cancelled"))
                .expectNext(0L)
                .expectNoEvent(ms(35)).expectNext(1L)              // at 80 ms 2, the last held, is handed over
                .expectErrorMatches(Exceptions::isOverflow)        // and the error right behind it cancels it
                .verify();
    }

    private static long now() {
        return VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS);
    }

    @Test
    @Hint("publishOn(scheduler, n) asks upstream for n, then for 75% of n each time that many have been handed on.")
    void pullAsksForTheCapacityThenTopsUpByThreeQuarters() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> buffer(8).pull(Flux.range(1, 20).doOnRequest(requests::add), item -> Mono.empty()))
                .expectNextCount(20)
                .verifyComplete();
        assertThat(requests).as("requests that reached the producer").containsExactly(8L, 6L, 6L, 6L);
    }

    /** Guards against a pull that asks for everything at once: the bound must show in the requests, spread over the consumer's time. */
    @Test
    @Hint("The consumer asks for the next item only when done with one; publishOn tops up only after 6 have been handed on.")
    void aSlowConsumerSpreadsTheTopUpsOverItsOwnPace() {
        List<String> requests = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> buffer(8).pull(
                        Flux.range(1, 20).doOnRequest(n -> requests.add(now() + " ms: " + n)), item -> Mono.delay(ms(10))))
                .expectSubscription()
                .thenAwait(ms(200))
                .expectNextCount(20)
                .verifyComplete();
        assertThat(requests).as("requests that reached the producer, when").containsExactly("0 ms: 8", "50 ms: 6", "110 ms: 6", "170 ms: 6");
    }

    @Test
    void capacityBelowOneIsRejected() {
        assertThatThrownBy(() -> new ReactorBackpressure(0, VirtualTimeScheduler.create()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1 (got 0)");
    }
}
