package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab04 contract ({@link BoundedBuffer}'s javadoc), checked once for every implementation in
 * {@link BoundedBuffer#IMPLEMENTATIONS}; the reports name each ({@code [1] lock-conditions}). A new
 * implementation joins the registry and gets all of these.
 */
class BoundedBufferContractTest {

    static Stream<Implementation<BoundedBuffer.Factory>> implementations() {
        return BoundedBuffer.IMPLEMENTATIONS.stream();
    }

    private static BoundedBuffer<String> create(Implementation<BoundedBuffer.Factory> impl, int capacity) {
        return impl.create().withCapacity(capacity);
    }

    /** {@code action} on a thread named {@code role}, returned once that thread {@code waits}. */
    private static <T> Staged<T> waiting(String role, Staged.Action<T> action, Predicate<Thread> waits) {
        Staged<T> staged = Staged.start(role, action);
        Watch.until("the " + role + " waits", () -> waits.test(staged.thread()));
        return staged;
    }

    private static boolean timedWait(Thread thread) {
        return thread.getState() == Thread.State.TIMED_WAITING;
    }

    /** A producer putting {@code item}, returned once it waits: the buffer must be full. */
    private static Staged<Boolean> waitingPut(BoundedBuffer<String> buffer, String item) {
        return waiting("producer", () -> {
            buffer.put(item);
            return true;
        }, Watch::isParked);
    }

    /** A consumer taking, returned once it waits: the buffer must be empty. */
    private static Staged<String> waitingTake(BoundedBuffer<String> buffer) {
        return waiting("consumer", buffer::take, Watch::isParked);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A ring takes at takeIndex and puts at putIndex, each moving forward one slot per item.")
    void itemsComeOutInTheOrderTheyWentIn(Implementation<BoundedBuffer.Factory> impl) throws InterruptedException {
        BoundedBuffer<String> buffer = create(impl, 3);
        buffer.put("a");
        buffer.put("b");
        buffer.put("c");
        assertThat(List.of(buffer.take(), buffer.take(), buffer.take())).as("items taken, in order").containsExactly("a", "b", "c");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Both indices wrap around to slot 0 after the last slot (modulo the capacity).")
    void theRingWrapsAroundWithoutLosingOrder(Implementation<BoundedBuffer.Factory> impl) throws InterruptedException {
        BoundedBuffer<String> buffer = create(impl, 2);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            buffer.put("x" + i);
            out.add(buffer.take());
        }
        assertThat(out).as("five put-then-take rounds through a ring of 2").containsExactly("x0", "x1", "x2", "x3", "x4");
        assertThat(buffer.size()).as("size after as many takes as puts").isZero();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A full buffer makes put wait on a condition ('not full') that a take signals.")
    void putWaitsWhileFullAndResumesWhenATakeMakesRoom(Implementation<BoundedBuffer.Factory> impl) throws InterruptedException {
        BoundedBuffer<String> buffer = create(impl, 1);
        buffer.put("a");
        Staged<Boolean> producer = waitingPut(buffer, "b");
        assertThat(buffer.size()).as("size while the second put waits: it added nothing").isEqualTo(1);

        assertThat(buffer.take()).isEqualTo("a");
        assertThat(producer.join().succeeded()).as("the waiting put returned normally once there was room").isTrue();
        assertThat(buffer.take()).as("the item the waiting put added").isEqualTo("b");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An empty buffer makes take wait on a condition ('not empty') that a put signals.")
    void takeWaitsWhileEmptyAndResumesWhenAnItemArrives(Implementation<BoundedBuffer.Factory> impl) throws InterruptedException {
        BoundedBuffer<String> buffer = create(impl, 1);
        Staged<String> consumer = waitingTake(buffer);

        buffer.put("a");
        assertThat(consumer.join().value()).as("what the waiting take returned").isEqualTo("a");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A zero timeout means: check once, under the lock, and answer.")
    void offerWithZeroTimeoutOnAFullBufferReturnsFalseWithoutWaiting(Implementation<BoundedBuffer.Factory> impl) throws InterruptedException {
        BoundedBuffer<String> buffer = create(impl, 1);
        buffer.put("a");
        assertThat(buffer.offer("b", Duration.ZERO)).as("offer(ZERO) on a full buffer").isFalse();
        assertThat(buffer.size()).as("size after the refused offer").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A zero timeout means: check once, under the lock, and answer; null is how poll says 'nothing'.")
    void pollWithZeroTimeoutOnAnEmptyBufferReturnsNullWithoutWaiting(Implementation<BoundedBuffer.Factory> impl) throws InterruptedException {
        assertThat(create(impl, 1).poll(Duration.ZERO)).as("poll(ZERO) on an empty buffer").isNull();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A timed wait (awaitNanos) ends early when signalled, and returns the time it has left.")
    void timedOfferSucceedsWhenRoomAppearsWhileItWaits(Implementation<BoundedBuffer.Factory> impl) throws InterruptedException {
        BoundedBuffer<String> buffer = create(impl, 1);
        buffer.put("a");
        Staged<Boolean> producer = waiting("producer", () -> buffer.offer("b", Watch.BOUND), BoundedBufferContractTest::timedWait);

        buffer.take();
        assertThat(producer.join().value()).as("what the timed offer returned once room appeared").isTrue();
        assertThat(buffer.take()).isEqualTo("b");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A timed wait (awaitNanos) ends early when signalled, and returns the time it has left.")
    void timedPollReturnsAnItemThatArrivesWhileItWaits(Implementation<BoundedBuffer.Factory> impl) throws InterruptedException {
        BoundedBuffer<String> buffer = create(impl, 1);
        Staged<String> consumer = waiting("consumer", () -> buffer.poll(Watch.BOUND), BoundedBufferContractTest::timedWait);

        buffer.put("a");
        assertThat(consumer.join().value()).as("what the timed poll returned once an item arrived").isEqualTo("a");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Take the lock with lockInterruptibly and wait with await(): both end with InterruptedException.")
    void aWaitingPutEndsOnInterruptAndLeavesTheBufferUnchanged(Implementation<BoundedBuffer.Factory> impl) throws InterruptedException {
        BoundedBuffer<String> buffer = create(impl, 1);
        buffer.put("a");
        Staged<Boolean> producer = waitingPut(buffer, "b");

        producer.thread().interrupt();
        assertThat(producer.join().error()).as("how the interrupted put ended").isInstanceOf(InterruptedException.class);
        assertThat(buffer.size()).as("size after the interrupted put").isEqualTo(1);
        assertThat(buffer.take()).isEqualTo("a");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Take the lock with lockInterruptibly and wait with await(): both end with InterruptedException.")
    void aWaitingTakeEndsOnInterrupt(Implementation<BoundedBuffer.Factory> impl) throws InterruptedException {
        Staged<String> consumer = waitingTake(create(impl, 1));

        consumer.thread().interrupt();
        assertThat(consumer.join().error()).as("how the interrupted take ended").isInstanceOf(InterruptedException.class);
    }

    /**
     * Guards against the unbounded "fix", a missing lock, and a wait that does not re-check: the
     * bound and exactly-once under contention. (A consumer woken after another took its item, with
     * {@code if} instead of {@code while}, takes a null here: see FAILURE.md, row 1.)
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Every read and write of the ring, its indices and its count happens under the one lock; a woken waiter re-checks in a while loop.")
    void twoProducersAndTwoConsumersMoveEveryItemExactlyOnceAndNeverPassTheCapacity(Implementation<BoundedBuffer.Factory> impl) throws InterruptedException {
        BoundedBuffer<String> buffer = create(impl, 4);
        int perProducer = 2_000;
        List<String> taken = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger mostSeen = new AtomicInteger();
        List<Staged<Boolean>> producers = new ArrayList<>();
        List<Staged<Boolean>> consumers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int producer = p;
            producers.add(Staged.run("producer-" + p, () -> {
                for (int i = 0; i < perProducer; i++) {
                    buffer.put(producer + ":" + i);
                    mostSeen.accumulateAndGet(buffer.size(), Math::max);
                }
            }));
        }
        for (int c = 0; c < 2; c++) {
            consumers.add(Staged.run("consumer-" + c, () -> {
                for (int i = 0; i < perProducer; i++) {
                    taken.add(buffer.take());
                }
            }));
        }
        try {
            for (Staged<Boolean> thread : consumers) {
                Result<Boolean> ended = thread.join();
                assertThat(ended.succeeded()).as("%s finished its loop (it ended with %s)", thread.thread().getName(), ended).isTrue();
            }
            assertThat(taken).as("items the consumers took (a null is a take from an empty ring)").doesNotContainNull();
            for (Staged<Boolean> thread : producers) {
                Result<Boolean> ended = thread.join();
                assertThat(ended.succeeded()).as("%s finished its loop (it ended with %s)", thread.thread().getName(), ended).isTrue();
            }
        } finally {
            producers.forEach(p -> p.thread().interrupt()); // a no-op for a producer that finished; else it must not outlive the test
        }
        List<String> expected = IntStream.range(0, 2).boxed()
                .flatMap(p -> IntStream.range(0, perProducer).mapToObj(i -> p + ":" + i)).toList();
        assertThat(taken).as("items the consumers took, against every item put").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(mostSeen.get()).as("largest size() a producer saw after a put, capacity 4").isBetween(1, 4);
        assertThat(buffer.size()).as("size after every item was taken").isZero();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check arguments before anything else, with BoundedBuffer.checkCapacity.")
    void capacityBelowOneIsRejectedWithOneLine(Implementation<BoundedBuffer.Factory> impl) {
        assertThatThrownBy(() -> create(impl, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1 (got 0)");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check arguments before anything else, with BoundedBuffer.checkItem: null is how poll says 'nothing'.")
    void aNullItemIsRejected(Implementation<BoundedBuffer.Factory> impl) {
        BoundedBuffer<String> buffer = create(impl, 1);
        assertThatThrownBy(() -> buffer.put(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("item must not be null");
        assertThat(buffer.size()).as("size after the refused null").isZero();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check arguments before anything else, with BoundedBuffer.checkTimeout.")
    void aNegativeTimeoutIsRejected(Implementation<BoundedBuffer.Factory> impl) {
        BoundedBuffer<String> buffer = create(impl, 1);
        assertThatThrownBy(() -> buffer.poll(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be >= 0 (got PT-0.001S)");
    }
}
