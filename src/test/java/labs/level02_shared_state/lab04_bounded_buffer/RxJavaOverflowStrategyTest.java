package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.exceptions.MissingBackpressureException;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import labs.support.Hint;
import org.junit.jupiter.api.Test;

/**
 * The same slow-consumer scenario as {@link ReactorOverflowStrategyTest}, on the lab's RxJava core
 * {@link RxJavaBackpressure} given a {@link TestScheduler}: producer 0..5 every 10 ms, buffer of 2,
 * a consumer that works 35 ms on each item.
 */
class RxJavaOverflowStrategyTest {

    private final TestScheduler time = new TestScheduler();
    private final List<Long> dropped = new CopyOnWriteArrayList<>();

    private TestSubscriber<Long> slowly(BackpressureOverflowStrategy strategy) {
        Flowable<Long> producer = Flowable.interval(10, TimeUnit.MILLISECONDS, time).take(6);
        return new RxJavaBackpressure(2, time).push(producer, strategy, dropped::add, item -> Completable.timer(35, TimeUnit.MILLISECONDS, time)).test();
    }

    private void advanceTo(long millis) {
        time.advanceTimeTo(millis, TimeUnit.MILLISECONDS);
    }

    /** A drop strategy's run: 0 is done at 45 ms; by 150 ms every item the consumer got is done and the run complete. */
    private void expectConsumedBy150Ms(BackpressureOverflowStrategy strategy, List<Long> droppedBy45, List<Long> allDropped, Long... consumed) {
        TestSubscriber<Long> consumer = slowly(strategy);
        advanceTo(45);
        consumer.assertValuesOnly(consumed[0]);
        assertThat(dropped).as("dropped by t = 45 ms").containsExactlyElementsOf(droppedBy45);
        advanceTo(150);
        consumer.assertResult(consumed);
        assertThat(dropped).as("every item dropped, in order").containsExactlyElementsOf(allDropped);
    }

    @Test
    @Hint("DROP_LATEST in RxJava: when the buffer is full, the newest item held is dropped and the arrival kept.")
    void dropLatestDropsTheNewestHeldItemToMakeRoomForEachArrival() {
        // Same name as Reactor's DROP_LATEST, different rule: Reactor drops the arrival.
        expectConsumedBy150Ms(BackpressureOverflowStrategy.DROP_LATEST, List.of(2L), List.of(2L, 4L), 0L, 1L, 3L, 5L);
    }

    @Test
    @Hint("DROP_OLDEST: when the buffer is full, the item held longest makes room for the arrival.")
    void dropOldestMakesRoomForEachArrivalByDroppingTheLongestHeld() {
        expectConsumedBy150Ms(BackpressureOverflowStrategy.DROP_OLDEST, List.of(1L), List.of(1L, 3L), 0L, 2L, 4L, 5L);
    }

    @Test
    @Hint("RxJava's ERROR signals at once, ahead of the items held, and the error cancels the item in the consumer's hands.")
    void errorFailsAtOnceAtTheFirstArrivalThatDoesNotFitDiscardingWhatIsHeld() {
        TestSubscriber<Long> consumer = slowly(BackpressureOverflowStrategy.ERROR);
        advanceTo(39);
        consumer.assertEmpty();
        advanceTo(40);
        consumer.assertFailure(MissingBackpressureException.class); // 0 (in the consumer's hands), 1 and 2 (held): never delivered
        assertThat(dropped).as("the arrival that overflowed, at t = 40 ms").containsExactly(3L);
    }

    @Test
    @Hint("observeOn(scheduler, delayError, n) asks upstream for n, then for 75% of n each time that many have been handed on.")
    void pullAsksForTheCapacityThenTopsUpByThreeQuarters() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        TestSubscriber<Integer> consumer = new RxJavaBackpressure(8, time)
                .pull(Flowable.range(1, 20).doOnRequest(requests::add), item -> Completable.complete())
                .test();
        time.triggerActions();
        consumer.assertValueCount(20).assertComplete();
        assertThat(requests).as("requests that reached the producer").containsExactly(8L, 6L, 6L, 6L);
    }

    @Test
    void capacityBelowOneIsRejected() {
        assertThatThrownBy(() -> new RxJavaBackpressure(0, time))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1 (got 0)");
    }
}
