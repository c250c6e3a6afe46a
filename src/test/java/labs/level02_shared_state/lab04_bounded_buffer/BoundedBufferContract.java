package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The lab04 contract ({@link BoundedBuffer}'s javadoc), written once and run against every
 * implementation meant to meet it: each subclass only says how to build one.
 */
abstract class BoundedBufferContract {

    abstract BoundedBuffer<String> create(int capacity);

    @Test
    void itemsComeOutInTheOrderTheyWentIn() throws InterruptedException {
        BoundedBuffer<String> buffer = create(3);
        buffer.put("a");
        buffer.put("b");
        buffer.put("c");
        assertThat(List.of(buffer.take(), buffer.take(), buffer.take())).containsExactly("a", "b", "c");
    }

    @Test
    void theRingWrapsAroundWithoutLosingOrder() throws InterruptedException {
        BoundedBuffer<String> buffer = create(2);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            buffer.put("x" + i);
            out.add(buffer.take());
        }
        assertThat(out).containsExactly("x0", "x1", "x2", "x3", "x4");
        assertThat(buffer.size()).isZero();
    }

    @Test
    void putWaitsWhileFullAndResumesWhenATakeMakesRoom() throws InterruptedException {
        BoundedBuffer<String> buffer = create(1);
        buffer.put("a");
        Outcome<Void> producer = new Outcome<>();
        Thread p = Outcome.start("producer", producer, () -> {
            buffer.put("b");
            return null;
        });
        Watch.until("the producer waits for room", () -> Watch.isParked(p));
        assertThat(buffer.size()).as("still full: the waiting put added nothing").isEqualTo(1);

        assertThat(buffer.take()).isEqualTo("a");
        Watch.joinBounded(p);
        assertThat(producer.thrown()).isNull();
        assertThat(buffer.take()).isEqualTo("b");
    }

    @Test
    void takeWaitsWhileEmptyAndResumesWhenAnItemArrives() throws InterruptedException {
        BoundedBuffer<String> buffer = create(1);
        Outcome<String> consumer = new Outcome<>();
        Thread c = Outcome.start("consumer", consumer, buffer::take);
        Watch.until("the consumer waits for an item", () -> Watch.isParked(c));

        buffer.put("a");
        Watch.joinBounded(c);
        assertThat(consumer.value()).isEqualTo("a");
    }

    @Test
    void offerWithZeroTimeoutOnAFullBufferReturnsFalseWithoutWaiting() throws InterruptedException {
        BoundedBuffer<String> buffer = create(1);
        buffer.put("a");
        assertThat(buffer.offer("b", Duration.ZERO)).isFalse();
        assertThat(buffer.size()).isEqualTo(1);
    }

    @Test
    void pollWithZeroTimeoutOnAnEmptyBufferReturnsNullWithoutWaiting() throws InterruptedException {
        assertThat(create(1).poll(Duration.ZERO)).isNull();
    }

    @Test
    void timedOfferSucceedsWhenRoomAppearsWhileItWaits() throws InterruptedException {
        BoundedBuffer<String> buffer = create(1);
        buffer.put("a");
        Outcome<Boolean> producer = new Outcome<>();
        Thread p = Outcome.start("producer", producer, () -> buffer.offer("b", Watch.BOUND));
        Watch.until("the producer waits, timed", () -> p.getState() == Thread.State.TIMED_WAITING);

        buffer.take();
        Watch.joinBounded(p);
        assertThat(producer.value()).isTrue();
        assertThat(buffer.take()).isEqualTo("b");
    }

    @Test
    void timedPollReturnsAnItemThatArrivesWhileItWaits() throws InterruptedException {
        BoundedBuffer<String> buffer = create(1);
        Outcome<String> consumer = new Outcome<>();
        Thread c = Outcome.start("consumer", consumer, () -> buffer.poll(Watch.BOUND));
        Watch.until("the consumer waits, timed", () -> c.getState() == Thread.State.TIMED_WAITING);

        buffer.put("a");
        Watch.joinBounded(c);
        assertThat(consumer.value()).isEqualTo("a");
    }

    @Test
    void aWaitingPutEndsOnInterruptAndLeavesTheBufferUnchanged() throws InterruptedException {
        BoundedBuffer<String> buffer = create(1);
        buffer.put("a");
        Outcome<Void> producer = new Outcome<>();
        Thread p = Outcome.start("producer", producer, () -> {
            buffer.put("b");
            return null;
        });
        Watch.until("the producer waits for room", () -> Watch.isParked(p));

        p.interrupt();
        Watch.joinBounded(p);
        assertThat(producer.thrown()).isInstanceOf(InterruptedException.class);
        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.take()).isEqualTo("a");
    }

    @Test
    void aWaitingTakeEndsOnInterrupt() throws InterruptedException {
        BoundedBuffer<String> buffer = create(1);
        Outcome<String> consumer = new Outcome<>();
        Thread c = Outcome.start("consumer", consumer, buffer::take);
        Watch.until("the consumer waits for an item", () -> Watch.isParked(c));

        c.interrupt();
        Watch.joinBounded(c);
        assertThat(consumer.thrown()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void twoProducersAndTwoConsumersMoveEveryItemExactlyOnceAndNeverPassTheCapacity() throws InterruptedException {
        BoundedBuffer<String> buffer = create(4);
        int perProducer = 2_000;
        ConcurrentLinkedQueue<String> taken = new ConcurrentLinkedQueue<>();
        AtomicInteger mostSeen = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Outcome<Void>> outcomes = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int producer = p;
            Outcome<Void> outcome = new Outcome<>();
            outcomes.add(outcome);
            threads.add(Outcome.start("producer-" + p, outcome, () -> {
                for (int i = 0; i < perProducer; i++) {
                    buffer.put(producer + ":" + i);
                    mostSeen.accumulateAndGet(buffer.size(), Math::max);
                }
                return null;
            }));
        }
        for (int c = 0; c < 2; c++) {
            Outcome<Void> outcome = new Outcome<>();
            outcomes.add(outcome);
            threads.add(Outcome.start("consumer-" + c, outcome, () -> {
                for (int i = 0; i < perProducer; i++) {
                    taken.add(buffer.take());
                }
                return null;
            }));
        }
        for (Thread t : threads) {
            Watch.joinBounded(t);
        }
        List<String> expected = IntStream.range(0, 2).boxed()
                .flatMap(p -> IntStream.range(0, perProducer).mapToObj(i -> p + ":" + i)).toList();
        for (int i = 0; i < outcomes.size(); i++) {
            assertThat(outcomes.get(i).thrown()).as("%s threw", threads.get(i).getName()).isNull();
            assertThat(outcomes.get(i).returnedNull()).as("%s finished its loop", threads.get(i).getName()).isTrue();
        }
        assertThat(taken).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(mostSeen.get()).isBetween(1, 4);
        assertThat(buffer.size()).isZero();
    }

    @Test
    void capacityBelowOneIsRejectedWithOneLine() {
        assertThatThrownBy(() -> create(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1 (got 0)");
    }

    @Test
    void aNullItemIsRejected() {
        BoundedBuffer<String> buffer = create(1);
        assertThatThrownBy(() -> buffer.put(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("item must not be null");
    }

    @Test
    void aNegativeTimeoutIsRejected() {
        BoundedBuffer<String> buffer = create(1);
        assertThatThrownBy(() -> buffer.poll(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be >= 0 (got PT-0.001S)");
    }
}
