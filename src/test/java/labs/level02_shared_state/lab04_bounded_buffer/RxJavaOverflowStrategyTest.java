package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.exceptions.MissingBackpressureException;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The same slow-consumer scenario as {@link ReactorOverflowStrategyTest}, on RxJava with a
 * {@link TestScheduler}: producer 0..5 every 10 ms, buffer of 2, one request at 40 ms, the rest at 60 ms.
 */
class RxJavaOverflowStrategyTest {

    private final TestScheduler time = new TestScheduler();
    private final List<Long> dropped = new CopyOnWriteArrayList<>();
    private final AtomicInteger overflows = new AtomicInteger();

    private TestSubscriber<Long> subscribe(BackpressureOverflowStrategy strategy) {
        Flowable<Long> producer = Flowable.interval(10, TimeUnit.MILLISECONDS, time).take(6);
        return RxJavaBackpressure.bounded(producer, 2, strategy, overflows::incrementAndGet, dropped::add).test(0);
    }

    @Test
    void dropLatestDropsTheNewestHeldItemToMakeRoomForEachArrival() {
        // Same name as Reactor's DROP_LATEST, different rule: RxJava drops the latest item *in the
        // buffer* and keeps the arrival; Reactor drops the arrival.
        TestSubscriber<Long> consumer = subscribe(BackpressureOverflowStrategy.DROP_LATEST);
        time.advanceTimeBy(40, TimeUnit.MILLISECONDS);
        assertThat(dropped).containsExactly(1L, 2L);
        consumer.request(1);
        consumer.assertValuesOnly(0L);
        time.advanceTimeBy(20, TimeUnit.MILLISECONDS);
        consumer.request(Long.MAX_VALUE);
        consumer.assertResult(0L, 3L, 5L);
        assertThat(dropped).containsExactly(1L, 2L, 4L);
        assertThat(overflows).as("onOverflow runs once per overflow").hasValue(3);
    }

    @Test
    void dropOldestMakesRoomForEachArrivalByDroppingTheLongestHeld() {
        TestSubscriber<Long> consumer = subscribe(BackpressureOverflowStrategy.DROP_OLDEST);
        time.advanceTimeBy(40, TimeUnit.MILLISECONDS);
        assertThat(dropped).containsExactly(0L, 1L);
        consumer.request(1);
        consumer.assertValuesOnly(2L);
        time.advanceTimeBy(20, TimeUnit.MILLISECONDS);
        consumer.request(Long.MAX_VALUE);
        consumer.assertResult(2L, 4L, 5L);
        assertThat(dropped).containsExactly(0L, 1L, 3L);
    }

    @Test
    void errorFailsAtOnceAtTheFirstArrivalThatDoesNotFitDiscardingWhatIsHeld() {
        TestSubscriber<Long> consumer = subscribe(BackpressureOverflowStrategy.ERROR);
        time.advanceTimeBy(29, TimeUnit.MILLISECONDS);
        consumer.assertEmpty();
        time.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        consumer.assertFailure(MissingBackpressureException.class); // at t=30, ahead of the held 0 and 1
        assertThat(dropped).as("the arrival that overflowed").containsExactly(2L);
        assertThat(overflows).as("RxJava 3.1.12 runs onOverflow for the DROP strategies only").hasValue(0);
    }

    @Test
    void rebatchRequestsAsksForTheBatchThenTopsUpByThreeQuarters() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        RxJavaBackpressure.inBatches(Flowable.range(1, 20).doOnRequest(requests::add), 8)
                .test()
                .assertValueCount(20)
                .assertComplete();
        assertThat(requests).containsExactly(8L, 6L, 6L, 6L);
    }

    @Test
    void capacityBelowOneIsRejected() {
        assertThatThrownBy(() -> RxJavaBackpressure.bounded(Flowable.just(1), 0, BackpressureOverflowStrategy.ERROR, () -> { }, x -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1 (got 0)");
    }
}
