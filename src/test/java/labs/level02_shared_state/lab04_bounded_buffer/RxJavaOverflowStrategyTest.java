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

    @Test
    @Hint("DROP_LATEST in RxJava: when the buffer is full, the newest item held is dropped and the arrival kept.")
    void dropLatestDropsTheNewestHeldItemToMakeRoomForEachArrival() {
        // Same name as Reactor's DROP_LATEST, different rule: Reactor drops the arrival.
        TestSubscriber<Long> consumer = slowly(BackpressureOverflowStrategy.DROP_LATEST);
        advanceTo(45);
        consumer.assertValuesOnly(0L);
        assertThat(dropped).as("dropped by t = 45 ms").containsExactly(2L);
        advanceTo(150);
        consumer.assertResult(0L, 1L, 3L, 5L);
        assertThat(dropped).as("every item dropped, in order").containsExactly(2L, 4L);
    }

    @Test
    @Hint("DROP_OLDEST: when the buffer is full, the item held longest makes room for the arrival.")
    void dropOldestMakesRoomForEachArrivalByDroppingTheLongestHeld() {
        TestSubscriber<Long> consumer = slowly(BackpressureOverflowStrategy.DROP_OLDEST);
        advanceTo(45);
        consumer.assertValuesOnly(0L);
        assertThat(dropped).as("dropped by t = 45 ms").containsExactly(1L);
        advanceTo(150);
        consumer.assertResult(0L, 2L, 4L, 5L);
        assertThat(dropped).as("every item dropped, in order").containsExactly(1L, 3L);
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
