package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import labs.support.Hint;
import labs.support.Watch;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The reactive queues on real schedulers, under BlockHound. Their timers fire on the scheduler's
 * threads and run lane commands there; those never park, so {@code parallel()} and
 * {@code computation()} are fine — and a subscriber that blocks inside a callback the lane runs is
 * caught there. Each control test changes only the scheduler (the queue's, and the one its poll is
 * subscribed on). Real time, but
 * nothing is timed: each test waits (bounded) for its events.
 */
class ReactiveTimeoutQueueBlockHoundTest {

    private static final Duration TTL = Duration.ofMillis(5);

    @Test
    @Hint("Lane commands run on the timer's thread: a lock-free queue and single-thread state, never a lock or a sleep.")
    void thousandsOfItemsThroughTheReactorQueueOnParallelNeverBlockAndEveryOneEndsOneWay() {
        ReactorTimeoutQueue<Integer> queue = ReactorTimeoutQueue.create(8, TTL, Schedulers.parallel());
        Mono<Long> producers = Flux.range(0, 2_000)
                .flatMap(i -> queue.offering(i, Duration.ofMillis(1)).subscribeOn(Schedulers.parallel()), 16)
                .count();
        Mono<Long> consumers = Flux.range(0, 2_000)
                .flatMap(i -> queue.polling(Duration.ofMillis(1)).subscribeOn(Schedulers.parallel()), 4)
                .count();

        Mono.when(producers, consumers).block(Watch.BOUND);
        queue.closing().block(Watch.BOUND);

        Ledger ledger = queue.ledgerNow().block(Watch.BOUND);
        assertThat(ledger.offered()).as("offers decided: %s", ledger).isEqualTo(2_000);
        assertThat(ledger.addsUp()).as("every item ended one way: %s", ledger).isTrue();
        assertThat(ledger.held()).as("held after close").isZero();
    }

    @Test
    @Hint("The same for RxJava on computation(): its timers run the lane there.")
    void thousandsOfItemsThroughTheRxJavaQueueOnComputationNeverBlockAndEveryOneEndsOneWay() {
        RxJavaTimeoutQueue<Integer> queue = RxJavaTimeoutQueue.create(8, TTL, io.reactivex.rxjava3.schedulers.Schedulers.computation());
        io.reactivex.rxjava3.core.Completable producers = io.reactivex.rxjava3.core.Flowable.range(0, 2_000)
                .flatMapSingle(i -> queue.offering(i, Duration.ofMillis(1)).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.computation()), false, 16)
                .ignoreElements();
        io.reactivex.rxjava3.core.Completable consumers = io.reactivex.rxjava3.core.Flowable.range(0, 2_000)
                .flatMapMaybe(i -> queue.polling(Duration.ofMillis(1)).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.computation()), false, 4)
                .ignoreElements();

        assertThat(producers.mergeWith(consumers).blockingAwait(Watch.BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("producers and consumers ended").isTrue();
        queue.closing().blockingAwait();

        Ledger ledger = queue.ledgerNow().blockingGet();
        assertThat(ledger.offered()).as("offers decided: %s", ledger).isEqualTo(2_000);
        assertThat(ledger.addsUp()).as("every item ended one way: %s", ledger).isTrue();
    }

    /**
     * A poll on an empty queue ends when its timer fires, and "nothing" is told by whichever thread
     * is in the lane then: the timer's, or the one that subscribed if the timer came while it was still
     * there. Both are {@code parallel()} threads here, so a subscriber that sleeps is blocking one.
     */
    @Test
    void aSubscriberThatSleepsOnTheReactorQueuesTimerThreadIsCaughtOnParallel() {
        ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(1, TTL, Schedulers.parallel());

        StepVerifier.create(queue.polling(TTL).subscribeOn(Schedulers.parallel()).doOnSuccess(ReactiveTimeoutQueueBlockHoundTest::sleepABit))
                .expectErrorMatches(e -> e instanceof BlockingOperationError)
                .verify(Watch.BOUND);
        queue.closing().block(Watch.BOUND);
    }

    @Test
    void theSameSubscriberIsAllowedWhenTheQueueTimesOnBoundedElastic() {
        ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(1, TTL, Schedulers.boundedElastic());

        StepVerifier.create(queue.polling(TTL).subscribeOn(Schedulers.boundedElastic()).doOnSuccess(ReactiveTimeoutQueueBlockHoundTest::sleepABit))
                .verifyComplete();
        queue.closing().block(Watch.BOUND);
    }

    @Test
    void aSubscriberThatSleepsOnTheRxJavaQueuesTimerThreadIsCaughtOnComputation() {
        RxJavaTimeoutQueue<String> queue = RxJavaTimeoutQueue.create(1, TTL, io.reactivex.rxjava3.schedulers.Schedulers.computation());

        queue.polling(TTL).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.computation()).doOnComplete(() -> sleepABit(null)).test()
                .awaitDone(Watch.BOUND.toMillis(), TimeUnit.MILLISECONDS)
                .assertError(BlockingOperationError.class);
        queue.closing().blockingAwait();
    }

    @Test
    void theSameSubscriberIsAllowedWhenTheRxJavaQueueTimesOnIo() {
        RxJavaTimeoutQueue<String> queue = RxJavaTimeoutQueue.create(1, TTL, io.reactivex.rxjava3.schedulers.Schedulers.io());

        queue.polling(TTL).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io()).doOnComplete(() -> sleepABit(null)).test()
                .awaitDone(Watch.BOUND.toMillis(), TimeUnit.MILLISECONDS)
                .assertNoErrors().assertComplete();
        queue.closing().blockingAwait();
    }

    private static void sleepABit(Object ignored) {
        try {
            Thread.sleep(1); // blocking call under test: what a subscriber must not do on a non-blocking thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
