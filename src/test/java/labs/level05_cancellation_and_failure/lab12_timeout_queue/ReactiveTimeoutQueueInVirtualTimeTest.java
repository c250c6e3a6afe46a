package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The reactive queues' core — {@link ReactorTimeoutQueue#polling}, {@link ReactorTimeoutQueue#offering}
 * and their RxJava twins — on a virtual-time scheduler passed to {@code create}: an hour of
 * time-to-live, a poll's timeout meeting an item's arrival at the same instant, a producer let in by an
 * expiry, each the same on every run and in milliseconds. Each scenario is one stream of events
 * ({@code "poll: a"}, {@code "offer b: accepted"} …) built inside the verifier's supplier.
 */
class ReactiveTimeoutQueueInVirtualTimeTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration HOUR = Duration.ofHours(1);

    private static Mono<String> poll(ReactorTimeoutQueue<String> queue, String label, Duration timeout) {
        return queue.polling(timeout).map(item -> label + ": " + item).defaultIfEmpty(label + ": nothing");
    }

    private static Mono<String> offer(ReactorTimeoutQueue<String> queue, String item, Duration timeout) {
        return queue.offering(item, timeout).map(accepted -> "offer " + item + ": " + (accepted ? "accepted" : "refused"));
    }

    private static Mono<String> ledger(ReactorTimeoutQueue<String> queue) {
        return queue.ledgerNow().map(Ledger::toString);
    }

    @Test
    @Hint("The lane hands the arriving item to the waiting poll and cancels the poll's timer in the same step.")
    void aWaitingPollIsServedTheMomentAnItemArrivesAndNothingElseFollows() {
        StepVerifier.withVirtualTime(() -> {
                    ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(2, HOUR, VirtualTimeScheduler.get());
                    return Flux.merge(poll(queue, "poll", Duration.ofSeconds(10)),
                            Mono.delay(Duration.ofSeconds(3)).then(offer(queue, "a", Duration.ZERO)))
                            .concatWith(Mono.delay(HOUR).then(ledger(queue)));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(3))
                .expectNext("offer a: accepted", "poll: a")       // at 3 s: accepted, and in the same command handed to the poll
                .expectNoEvent(HOUR)                              // the poll's 10 s timer never fires
                .expectNext(new Ledger(1, 1, 0, 0, 0).toString())
                .verifyComplete();
    }

    @Test
    @Hint("A poll that timed out has left the lane: an item that comes later must wait for the next poll, not vanish.")
    void aPollTimesOutAtItsDeadlineAndALaterItemWaitsForTheNextPoll() {
        StepVerifier.withVirtualTime(() -> {
                    ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(2, HOUR, VirtualTimeScheduler.get());
                    return Flux.concat(poll(queue, "poll 1", Duration.ofSeconds(10)),
                            Mono.delay(SECOND).then(offer(queue, "a", Duration.ZERO)),
                            Mono.delay(SECOND).then(poll(queue, "poll 2", Duration.ZERO)),
                            ledger(queue));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(10)).expectNext("poll 1: nothing")
                .expectNoEvent(SECOND).expectNext("offer a: accepted")
                .expectNoEvent(SECOND).expectNext("poll 2: a")
                .expectNext(new Ledger(1, 1, 0, 0, 0).toString())
                .verifyComplete();
    }

    /**
     * The failure theme "a timeout that fires after the value arrived", both ways round at one
     * instant (tasks due together run in the order they were scheduled): an item that arrives first
     * is delivered once and the timer finds nothing to do; a timer that fires first ends the poll
     * with nothing, and the item stays held. Never both, never neither.
     */
    @Test
    @Hint("At one instant, whichever the lane sees first decides: served and the timer is late, or timed out and the item stays held.")
    void anItemArrivingAtTheInstantAPollTimesOutEndsExactlyOneWayWhicheverComesFirst() {
        StepVerifier.withVirtualTime(() -> {
                    ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(2, HOUR, VirtualTimeScheduler.get());
                    Mono<String> offerAtTen = Mono.delay(Duration.ofSeconds(10)).then(offer(queue, "a", Duration.ZERO)); // scheduled first
                    return Flux.merge(offerAtTen, poll(queue, "poll", Duration.ofSeconds(10))).concatWith(ledger(queue));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(10))
                .expectNext("offer a: accepted", "poll: a")
                .expectNext(new Ledger(1, 1, 0, 0, 0).toString())
                .verifyComplete();

        StepVerifier.withVirtualTime(() -> {
                    ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(2, HOUR, VirtualTimeScheduler.get());
                    Mono<String> pollUntilTen = poll(queue, "poll", Duration.ofSeconds(10)); // its timer scheduled first
                    return Flux.merge(pollUntilTen, Mono.delay(Duration.ofSeconds(10)).then(offer(queue, "a", Duration.ZERO))).concatWith(ledger(queue));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(10))
                .expectNext("poll: nothing", "offer a: accepted")
                .expectNext(new Ledger(1, 0, 0, 0, 1).toString())
                .verifyComplete();
    }

    @Test
    @Hint("An item's time-to-live is a timer on the queue's scheduler: an hour of it passes in virtual time, and the item is expired, not delivered.")
    void anHourLongTimeToLiveExpiresTheItemAtTheHourAndNotASecondBefore() {
        StepVerifier.withVirtualTime(() -> {
                    ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(2, HOUR, VirtualTimeScheduler.get());
                    return Flux.concat(offer(queue, "a", Duration.ZERO), offer(queue, "b", Duration.ZERO),
                            Mono.delay(HOUR.minus(SECOND)).then(poll(queue, "poll at 59:59", Duration.ZERO)),
                            Mono.delay(SECOND).then(poll(queue, "poll at 1:00:00", Duration.ZERO)),
                            queue.expiredNow().map(expired -> "expired " + expired), ledger(queue));
                })
                .expectSubscription()
                .expectNext("offer a: accepted", "offer b: accepted")
                .expectNoEvent(HOUR.minus(SECOND)).expectNext("poll at 59:59: a")
                .expectNoEvent(SECOND).expectNext("poll at 1:00:00: nothing", "expired [b]")
                .expectNext(new Ledger(2, 1, 1, 0, 0).toString())
                .verifyComplete();
    }

    @Test
    @Hint("An expiry frees a place: the lane lets the oldest waiting offer in, in the same step.")
    void aProducerWaitingForRoomIsLetInWhenTheHeadExpires() {
        StepVerifier.withVirtualTime(() -> {
                    ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(1, SECOND, VirtualTimeScheduler.get());
                    return offer(queue, "a", Duration.ZERO).concatWith(offer(queue, "b", Duration.ofSeconds(10))).concatWith(ledger(queue));
                })
                .expectSubscription()
                .expectNext("offer a: accepted")
                .expectNoEvent(SECOND)
                .expectNext("offer b: accepted", new Ledger(2, 0, 1, 0, 1).toString())
                .verifyComplete();
    }

    @Test
    @Hint("A producer whose deadline passes while the queue is full is refused, and a refused item is never held.")
    void aStalledConsumerRefusesTheWaitingProducerAtItsDeadline() {
        StepVerifier.withVirtualTime(() -> {
                    ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(1, HOUR, VirtualTimeScheduler.get());
                    return Flux.concat(offer(queue, "a", Duration.ZERO), offer(queue, "b", Duration.ofSeconds(5)),
                            Mono.delay(HOUR).then(ledger(queue)));
                })
                .expectSubscription()
                .expectNext("offer a: accepted")
                .expectNoEvent(Duration.ofSeconds(5)).expectNext("offer b: refused")
                .expectNoEvent(HOUR).expectNext(new Ledger(2, 0, 1, 1, 0).toString())
                .verifyComplete();
    }

    @Test
    @Hint("Cancelling a waiting poll must withdraw it from the lane; otherwise the next item goes to a subscriber that left.")
    void aCancelledPollIsWithdrawnAndTheNextItemWaitsForTheNextPoll() {
        StepVerifier.withVirtualTime(() -> {
                    ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(2, HOUR, VirtualTimeScheduler.get());
                    Mono<String> cancelledAtTwo = poll(queue, "poll 1", Duration.ofSeconds(10)).takeUntilOther(Mono.delay(Duration.ofSeconds(2)));
                    return Flux.concat(cancelledAtTwo, Mono.delay(SECOND).then(offer(queue, "a", Duration.ZERO)),
                            poll(queue, "poll 2", Duration.ZERO), ledger(queue));
                })
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(3))
                .expectNext("offer a: accepted", "poll 2: a", new Ledger(1, 1, 0, 0, 0).toString())
                .verifyComplete();
    }

    /** The sink keeps an item handed over before any request; a cancel then discards it, and the queue takes it back. */
    @Test
    @Hint("An item the sink discards was never delivered: doOnDiscard must put it back, first in line, and uncount it.")
    void anItemHandedToAPollThatIsCancelledBeforeRequestingIsPutBack() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(2, HOUR, clock);
        StepVerifier.create(queue.offering("a", Duration.ZERO)).expectNext(true).verifyComplete();

        StepVerifier.create(queue.polling(Duration.ofSeconds(10)), 0) // served at once, held in the sink unrequested
                .expectSubscription()
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        StepVerifier.create(queue.polling(Duration.ZERO)).expectNext("a").verifyComplete();
        StepVerifier.create(queue.ledgerNow()).expectNext(new Ledger(1, 1, 0, 0, 0)).verifyComplete();
        clock.dispose();
    }

    @Test
    @Hint("close() in the lane: held items expire, waiting offers are refused, and later offers fail.")
    void closingExpiresWhatIsHeldAndRefusesTheWaitingProducer() {
        StepVerifier.withVirtualTime(() -> {
                    ReactorTimeoutQueue<String> queue = ReactorTimeoutQueue.create(1, HOUR, VirtualTimeScheduler.get());
                    return Flux.merge(offer(queue, "a", Duration.ZERO), offer(queue, "b", HOUR),
                                    Mono.delay(SECOND).then(queue.closing()).then(Mono.<String>empty()))
                            .concatWith(ledger(queue))
                            .concatWith(offer(queue, "c", Duration.ZERO).onErrorResume(e -> Mono.just(e.getMessage())));
                })
                .expectSubscription()
                .expectNext("offer a: accepted")
                .expectNoEvent(SECOND)
                .expectNext("offer b: refused", new Ledger(2, 0, 1, 1, 0).toString(), "timeout queue 'reactor' is closed: no more offers")
                .verifyComplete();
    }

    // ---- RxJava: the same lane on a TestScheduler

    private static Maybe<String> poll(RxJavaTimeoutQueue<String> queue, String label, long seconds) {
        return queue.polling(Duration.ofSeconds(seconds)).map(item -> label + ": " + item).defaultIfEmpty(label + ": nothing").toMaybe();
    }

    private static Single<String> offer(RxJavaTimeoutQueue<String> queue, String item, long seconds) {
        return queue.offering(item, Duration.ofSeconds(seconds)).map(accepted -> "offer " + item + ": " + (accepted ? "accepted" : "refused"));
    }

    @Test
    @Hint("Same lane: the arriving item goes to the waiting poll, whose timer is cancelled.")
    void rxJavaWaitingPollIsServedTheMomentAnItemArrives() {
        TestScheduler clock = new TestScheduler();
        RxJavaTimeoutQueue<String> queue = RxJavaTimeoutQueue.create(2, HOUR, clock);
        TestSubscriber<String> events = Flowable.merge(poll(queue, "poll", 10).toFlowable(),
                Single.timer(3, TimeUnit.SECONDS, clock).flatMap(t -> offer(queue, "a", 0)).toFlowable()).test();

        clock.advanceTimeBy(3, TimeUnit.SECONDS);
        events.assertValues("offer a: accepted", "poll: a").assertComplete();
        clock.advanceTimeBy(1, TimeUnit.HOURS);
        assertThat(queue.ledgerNow().blockingGet()).as("the ledger an hour later").isEqualTo(new Ledger(1, 1, 0, 0, 0));
    }

    @Test
    @Hint("At one instant, whichever the lane sees first decides; the other finds nothing to do.")
    void rxJavaItemArrivingAtTheInstantAPollTimesOutEndsExactlyOneWay() {
        TestScheduler clock = new TestScheduler();
        RxJavaTimeoutQueue<String> queue = RxJavaTimeoutQueue.create(2, HOUR, clock);
        TestSubscriber<String> events = Flowable.merge(poll(queue, "poll", 10).toFlowable(),
                Single.timer(10, TimeUnit.SECONDS, clock).flatMap(t -> offer(queue, "a", 0)).toFlowable()).test();

        clock.advanceTimeBy(10, TimeUnit.SECONDS);
        events.assertValues("poll: nothing", "offer a: accepted").assertComplete(); // the poll's timer was scheduled first
        assertThat(queue.ledgerNow().blockingGet()).isEqualTo(new Ledger(1, 0, 0, 0, 1));
        assertThat(queue.polling(Duration.ZERO).blockingGet()).as("the next poll").isEqualTo("a");
    }

    @Test
    @Hint("The time-to-live is a timer on the TestScheduler: an hour passes when the test says so.")
    void rxJavaHourLongTimeToLiveExpiresTheItemAtTheHour() {
        TestScheduler clock = new TestScheduler();
        RxJavaTimeoutQueue<String> queue = RxJavaTimeoutQueue.create(1, HOUR, clock);
        queue.offering("a", Duration.ZERO).test().assertValue(true);
        TestSubscriber<String> waiting = offer(queue, "b", 7200).toFlowable().test();

        clock.advanceTimeBy(3599, TimeUnit.SECONDS);
        waiting.assertNoValues();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        waiting.assertValues("offer b: accepted");
        assertThat(queue.expiredNow().blockingGet()).isEqualTo(List.of("a"));
        assertThat(queue.ledgerNow().blockingGet()).isEqualTo(new Ledger(2, 0, 1, 0, 1));
        queue.closing().test().assertComplete();
    }

    @Test
    @Hint("Disposing a waiting poll withdraws it: the next item waits for the next poll.")
    void rxJavaDisposedPollIsWithdrawn() {
        TestScheduler clock = new TestScheduler();
        RxJavaTimeoutQueue<String> queue = RxJavaTimeoutQueue.create(2, HOUR, clock);
        queue.polling(Duration.ofSeconds(10)).test().dispose();

        queue.offering("a", Duration.ZERO).test().assertValue(true);

        assertThat(queue.polling(Duration.ZERO).blockingGet()).isEqualTo("a");
        assertThat(queue.ledgerNow().blockingGet()).isEqualTo(new Ledger(1, 1, 0, 0, 0));
    }
}
