package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab12 contract (see {@link TimeoutQueue} and the lab's README), checked once for every
 * implementation in {@link TimeoutQueue#IMPLEMENTATIONS}, all on one hand-moved time
 * ({@link ManualTime}): nothing here sleeps, and no outcome depends on how fast the machine is.
 * A wait is staged on a thread of its own and the test moves the clock or acts once that thread is
 * parked.
 */
class TimeoutQueueContractTest {

    private static final Duration TTL = Duration.ofMillis(100);
    /** A wait's timeout: short, because an imperative waiter notices a clock move when its own wait ends. */
    private static final Duration WAIT = Duration.ofMillis(30);

    private final ManualTime time = new ManualTime();
    private final List<TimeoutQueue<String>> made = new ArrayList<>();

    static Stream<Implementation<TimeoutQueue.Factory>> implementations() {
        return TimeoutQueue.IMPLEMENTATIONS.stream();
    }

    private TimeoutQueue<String> queue(Implementation<TimeoutQueue.Factory> impl, int capacity) {
        TimeoutQueue<String> queue = impl.create().create(capacity, TTL, time.timing());
        made.add(queue);
        return queue;
    }

    @AfterEach
    void closeEveryQueue() {
        made.forEach(TimeoutQueue::close);
        time.close();
    }

    /** Starts {@code action} on a thread of its own and returns once that thread is parked in it. */
    private static <V> Staged<V> waiting(String name, Staged.Action<V> action) {
        Staged<V> staged = Staged.start(name, action);
        Watch.until(name + " waits inside the queue", () -> Watch.isParked(staged.thread()) || staged.outcomeSoFar() != null);
        assertThat(staged.outcomeSoFar()).as("%s returned instead of waiting", name).isNull();
        return staged;
    }

    private static Staged<Optional<String>> waitingPoll(TimeoutQueue<String> queue, Duration timeout) {
        return waiting("consumer", () -> Optional.ofNullable(queue.poll(timeout)));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("With room, offer accepts at once; poll hands out the oldest item and counts it delivered.")
    void offeredItemsAreDeliveredOnceEachOldestFirst(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 3);
        for (String item : List.of("a", "b", "c")) {
            assertThat(queue.offer(item, Duration.ZERO)).as("offer(%s) with room", item).isTrue();
        }

        assertThat(List.of(queue.poll(Duration.ZERO), queue.poll(Duration.ZERO), queue.poll(Duration.ZERO)))
                .as("what three polls returned").containsExactly("a", "b", "c");
        assertThat(queue.poll(Duration.ZERO)).as("a fourth poll on the empty queue").isNull();
        assertThat(queue.ledger()).as("the ledger").isEqualTo(new Ledger(3, 3, 0, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A zero timeout never waits: a full queue refuses at once, and the refusal is counted.")
    void aFullQueueRefusesAZeroTimeoutOfferAtOnce(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 2);
        queue.offer("a", Duration.ZERO);
        queue.offer("b", Duration.ZERO);

        assertThat(queue.offer("c", Duration.ZERO)).as("offer(c, ZERO) on a full queue").isFalse();
        assertThat(queue.ledger()).as("the ledger").isEqualTo(new Ledger(3, 0, 0, 1, 2));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A producer waits for room until its deadline, measured on the queue's clock; a poll that makes room lets it in.")
    void aWaitingOfferGetsInWhenAPollMakesRoomBeforeItsTimeout(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 2);
        queue.offer("a", Duration.ZERO);
        queue.offer("b", Duration.ZERO);
        Staged<Boolean> producer = waiting("producer", () -> queue.offer("c", WAIT));

        time.advance(WAIT.minusMillis(1)); // one millisecond before its deadline
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");

        assertThat(producer.join().value()).as("the waiting offer, after a poll made room before its deadline").isTrue();
        assertThat(queue.ledger()).as("the ledger").isEqualTo(new Ledger(3, 1, 0, 0, 2));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("When the deadline passes on the queue's clock with no room, the offer returns false: refused, counted, never held.")
    void aWaitingOfferIsRefusedOnceItsTimeoutHasPassedOnTheQueuesClock(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 2);
        queue.offer("a", Duration.ZERO);
        queue.offer("b", Duration.ZERO);
        Staged<Boolean> producer = waiting("producer", () -> queue.offer("c", WAIT));

        time.advance(WAIT);

        assertThat(producer.join().value()).as("the waiting offer, once its deadline passed").isFalse();
        assertThat(List.of(queue.poll(Duration.ZERO), queue.poll(Duration.ZERO))).as("what the queue held").containsExactly("a", "b");
        assertThat(queue.ledger()).as("the ledger").isEqualTo(new Ledger(3, 2, 0, 1, 0));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A waiting poll is woken by the next offer and handed that item.")
    void aWaitingPollIsHandedTheNextOfferedItem(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 1);
        Staged<Optional<String>> consumer = waitingPoll(queue, Watch.BOUND);

        assertThat(queue.offer("a", Duration.ZERO)).isTrue();

        assertThat(consumer.join().value()).as("what the waiting poll returned").contains("a");
        assertThat(queue.ledger()).as("the ledger").isEqualTo(new Ledger(1, 1, 0, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A poll's deadline is measured on the queue's clock: when it passes with nothing held, poll returns null.")
    void aWaitingPollReturnsNullOnceItsTimeoutHasPassed(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 1);
        Staged<Optional<String>> consumer = waitingPoll(queue, WAIT);

        time.advance(WAIT);

        assertThat(consumer.join().value()).as("the waiting poll, once its deadline passed").isEmpty();
        assertThat(queue.offer("a", Duration.ZERO)).isTrue();
        assertThat(queue.poll(Duration.ZERO)).as("the next item goes to the next poll, not to the one that timed out").isEqualTo("a");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An item whose time-to-live ran out is never handed to a poll: it is counted expired, once, and listed by expired().")
    void anItemNotPolledWithinItsTtlExpiresAndIsNeverDelivered(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 2);
        queue.offer("a", Duration.ZERO);
        time.advance(TTL.minusMillis(1));
        queue.offer("b", Duration.ZERO);

        time.advance(Duration.ofMillis(1)); // a's time-to-live has run out; b has 99 ms left

        assertThat(queue.poll(Duration.ZERO)).as("the first poll after a expired").isEqualTo("b");
        assertThat(queue.expired()).as("expired()").containsExactly("a");
        assertThat(queue.ledger()).as("the ledger").isEqualTo(new Ledger(2, 1, 1, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An expiry frees a place: a producer waiting for room must get it, not wait out its timeout.")
    void anExpiryMakesRoomForAWaitingOffer(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 1);
        queue.offer("a", Duration.ZERO);
        Staged<Boolean> producer = waiting("producer", () -> queue.offer("b", Watch.BOUND));

        time.advance(TTL);

        assertThat(producer.join().value()).as("the waiting offer, once a expired and made room").isTrue();
        assertThat(queue.expired()).as("expired()").containsExactly("a");
        assertThat(queue.ledger()).as("the ledger").isEqualTo(new Ledger(2, 0, 1, 0, 1));
    }

    /**
     * The failure theme "a consumer that stalls": nobody polls. Producers wait out their timeouts
     * and are refused; what was held expires. Nothing is lost: every item is in one column.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("With nobody polling, producers are refused at their deadline and held items expire at their time-to-live; every item still ends one way.")
    void aStalledConsumerMakesProducersTimeOutAndLosesNothing(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 2);
        queue.offer("a", Duration.ZERO);
        queue.offer("b", Duration.ZERO);
        Staged<Boolean> first = waiting("producer c", () -> queue.offer("c", WAIT));
        Staged<Boolean> second = waiting("producer d", () -> queue.offer("d", WAIT));

        time.advance(WAIT);
        assertThat(List.of(first.join().value(), second.join().value())).as("the two waiting offers at their deadline").containsExactly(false, false);
        time.advance(TTL.minus(WAIT));

        assertThat(queue.expired()).as("expired()").containsExactly("a", "b");
        assertThat(queue.ledger()).as("the ledger once every item has ended").isEqualTo(new Ledger(4, 0, 2, 2, 0));
    }

    /**
     * Guards against losing an expiring item ({@link DroppingTimeoutQueue} fails it): after every
     * step, each item offered so far is in exactly one of delivered, expired, refused or held, and
     * the ledger's columns say the same.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Every item offered ends exactly one way: whoever takes an expired item out must count it expired and keep it in expired().")
    void everyItemEndsExactlyOneWayAndTheCountsAddUp(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        everyItemEndsExactlyOneWay(queue(impl, 2), time);
    }

    /** The scenario of the test above, on any queue (the broken variants' tests run it too). */
    static void everyItemEndsExactlyOneWay(TimeoutQueue<String> queue, ManualTime time) throws InterruptedException {
        Accounting books = new Accounting(queue);
        books.offer("a");                    // held: a
        books.offer("b");                    // held: a b
        books.offer("c");                    // refused
        time.advance(Duration.ofMillis(60));
        books.poll();                        // delivers a
        books.offer("d");                    // held: b d
        time.advance(Duration.ofMillis(50)); // b expires (110 ms), d has 50 ms left
        books.poll();                        // delivers d
        books.offer("e");
        books.offer("f");                    // held: e f
        time.advance(Duration.ofMillis(100)); // both expire
        books.poll();                        // nothing
        books.offer("g");                    // held: g
        books.check();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("close(): held items expire, a waiting producer is refused, later offers throw and later polls return null.")
    void closeExpiresWhatIsHeldRefusesAWaitingProducerAndEndsTheQueue(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 1);
        queue.offer("a", Duration.ZERO);
        Staged<Boolean> producer = waiting("producer", () -> queue.offer("b", Watch.BOUND));

        queue.close();

        assertThat(producer.join().value()).as("the offer that was waiting when the queue closed").isFalse();
        assertThat(queue.expired()).as("expired() after close").containsExactly("a");
        assertThat(queue.poll(Duration.ZERO)).as("a poll after close").isNull();
        assertThatThrownBy(() -> queue.offer("c", Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                .hasMessage("timeout queue '" + queue.name() + "' is closed: no more offers");
        queue.close(); // closing again does nothing
        assertThat(queue.ledger()).as("the ledger after close").isEqualTo(new Ledger(2, 0, 1, 1, 0));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("close() must wake every waiting poll (signalAll, a marker, or the lane), not leave it to its timeout.")
    void closeEndsAWaitingPollWithNothing(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 1);
        Staged<Optional<String>> consumer = waitingPoll(queue, Watch.BOUND);

        queue.close();

        assertThat(consumer.join().value()).as("the poll that was waiting when the queue closed").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An interrupted wait throws InterruptedException and takes nothing: the next item goes to the next poll.")
    void anInterruptedPollThrowsAndTakesNothing(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 1);
        Staged<Optional<String>> consumer = waitingPoll(queue, Watch.BOUND);

        consumer.thread().interrupt();

        assertThat(consumer.join().error()).as("how the interrupted poll ended").isInstanceOf(InterruptedException.class);
        queue.offer("a", Duration.ZERO);
        assertThat(queue.poll(Duration.ZERO)).as("the item offered after the interrupted poll").isEqualTo("a");
        assertThat(queue.ledger()).as("the ledger").isEqualTo(new Ledger(1, 1, 0, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An interrupted offer throws InterruptedException and was never offered: it is not in the ledger.")
    void anInterruptedOfferThrowsAndIsNeverCounted(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue<String> queue = queue(impl, 1);
        queue.offer("a", Duration.ZERO);
        Staged<Boolean> producer = waiting("producer", () -> queue.offer("b", Watch.BOUND));

        producer.thread().interrupt();

        assertThat(producer.join().error()).as("how the interrupted offer ended").isInstanceOf(InterruptedException.class);
        assertThat(queue.poll(Duration.ZERO)).isEqualTo("a");
        assertThat(queue.poll(Duration.ZERO)).as("b, whose offer was interrupted").isNull();
        assertThat(queue.ledger()).as("the ledger").isEqualTo(new Ledger(1, 1, 0, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check every argument first, with TimeoutQueue's check methods: one line, nothing made or changed.")
    void badInputIsRefusedWithOneLineAndChangesNothing(Implementation<TimeoutQueue.Factory> impl) throws InterruptedException {
        TimeoutQueue.Factory factory = impl.create();
        assertThatThrownBy(() -> factory.create(0, TTL, time.timing())).hasMessage("capacity must be >= 1 (got 0)");
        assertThatThrownBy(() -> factory.create(1, Duration.ZERO, time.timing())).hasMessage("ttl must be positive (got 0 ms)");
        assertThatThrownBy(() -> factory.create(1, Duration.ofMillis(-5), time.timing())).hasMessage("ttl must be positive (got -5 ms)");
        assertThatThrownBy(() -> factory.create(1, TTL, null)).hasMessage("timing must not be null (Timing.real() for real time)");

        TimeoutQueue<String> queue = queue(impl, 1);
        assertThatThrownBy(() -> queue.offer(null, Duration.ZERO)).isInstanceOf(NullPointerException.class)
                .hasMessage("item must not be null (null is how poll says 'nothing')");
        assertThatThrownBy(() -> queue.offer("a", Duration.ofMillis(-1))).hasMessage("timeout must be >= 0 (got -1 ms)");
        assertThatThrownBy(() -> queue.poll(null)).hasMessage("timeout must not be null (Duration.ZERO never waits)");
        assertThat(queue.ledger()).as("the ledger after the refused calls").isEqualTo(Ledger.EMPTY);
    }

    /** What a test saw happen to each item, held against what the queue says. */
    static final class Accounting {
        private final TimeoutQueue<String> queue;
        private final List<String> offered = new ArrayList<>();
        private final List<String> delivered = new ArrayList<>();
        private final List<String> refused = new ArrayList<>();

        Accounting(TimeoutQueue<String> queue) {
            this.queue = queue;
        }

        void offer(String item) throws InterruptedException {
            offered.add(item);
            if (!queue.offer(item, Duration.ZERO)) {
                refused.add(item);
            }
            check();
        }

        void poll() throws InterruptedException {
            String item = queue.poll(Duration.ZERO);
            if (item != null) {
                delivered.add(item);
            }
            check();
        }

        /** Each item offered is delivered, expired, refused or held — exactly one — and the ledger agrees. */
        void check() {
            Ledger ledger = queue.ledger();
            List<String> expired = queue.expired();
            List<String> ended = new ArrayList<>(delivered);
            ended.addAll(expired);
            ended.addAll(refused);
            assertThat(ended).as("items that ended, after %s: delivered %s, expired %s, refused %s", offered, delivered, expired, refused)
                    .doesNotHaveDuplicates().isSubsetOf(offered);
            assertThat(ledger.unaccounted()).as("items no column accounts for: %s", ledger).isZero();
            assertThat(ledger).as("the ledger against what this test saw").isEqualTo(new Ledger(offered.size(), delivered.size(),
                    expired.size(), refused.size(), offered.size() - ended.size()));
        }
    }

}
