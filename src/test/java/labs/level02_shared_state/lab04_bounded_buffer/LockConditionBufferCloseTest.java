package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import labs.support.Hint;
import labs.support.Staged;
import org.junit.jupiter.api.Test;

/** The shutdown half of the contract ({@link ClosableBuffer}): producers fail fast, consumers drain, nothing is lost. */
class LockConditionBufferCloseTest {

    private final LockConditionBuffer<String> buffer = new LockConditionBuffer<>(2);

    @Test
    @Hint("close() sets a flag every put checks under the lock, before it waits and after.")
    void putAfterCloseFailsAtOnce() {
        buffer.close();
        assertThatThrownBy(() -> buffer.put("a"))
                .isInstanceOf(BufferClosedException.class)
                .hasMessage("buffer is closed: no more puts");
    }

    @Test
    @Hint("close() sets a flag every put checks under the lock, before it waits and after.")
    void offerAfterCloseFailsAtOnceEvenWithRoom() {
        buffer.close();
        assertThatThrownBy(() -> buffer.offer("a", Duration.ZERO)).isInstanceOf(BufferClosedException.class);
        assertThat(buffer.size()).as("size after the refused offer").isZero();
    }

    @Test
    @Hint("A waiting producer's loop must end on 'closed' as well as on 'room', and then fail.")
    void aProducerWaitingForRoomFailsWhenTheBufferCloses() throws InterruptedException {
        buffer.put("a");
        buffer.put("b");
        Staged<Boolean> producer = ConditionWaits.startAwaiting("producer", () -> {
            buffer.put("c");
            return true;
        });

        buffer.close();
        assertThat(producer.join().error()).as("how the waiting put ended").isInstanceOf(BufferClosedException.class);
    }

    @Test
    @Hint("Consumers drain before they are told: 'closed' ends a take only when the buffer is also empty.")
    void consumersDrainWhatWasPutBeforeCloseThenAreToldItIsOver() throws InterruptedException {
        buffer.put("a");
        buffer.put("b");
        buffer.close();
        assertThat(buffer.take()).as("first take after close").isEqualTo("a");
        assertThat(buffer.poll(Duration.ZERO)).as("second take after close").isEqualTo("b");
        assertThatThrownBy(buffer::take)
                .isInstanceOf(BufferClosedException.class)
                .hasMessage("buffer is closed and drained");
    }

    @Test
    @Hint("A closed, empty buffer is not a timeout: poll must fail, not return null.")
    void pollOnAClosedEmptyBufferFailsInsteadOfReportingATimeout() {
        buffer.close();
        assertThatThrownBy(() -> buffer.poll(Duration.ZERO)).isInstanceOf(BufferClosedException.class);
    }

    /** Guards against the tempting signal() in close: see SignalInsteadOfSignalAllBufferTest. */
    @Test
    @Hint("close() changes what every waiter waits for: signal() wakes one of them, signalAll() all.")
    void everyWaitingConsumerWakesWhenTheBufferCloses() throws InterruptedException {
        List<Staged<String>> consumers = ConditionWaits.startAwaiting("consumer", 3, buffer::take);

        buffer.close();
        for (Staged<String> consumer : consumers) {
            assertThat(consumer.join().error()).as("how %s's take ended", consumer.thread().getName()).isInstanceOf(BufferClosedException.class);
        }
    }

    @Test
    @Hint("close() changes what every waiter waits for: signal() wakes one of them, signalAll() all.")
    void everyWaitingProducerWakesWhenTheBufferCloses() throws InterruptedException {
        buffer.put("a");
        buffer.put("b");
        List<Staged<Boolean>> producers = ConditionWaits.startAwaiting("producer", 3, () -> {
            buffer.put(Thread.currentThread().getName());
            return true;
        });

        buffer.close();
        for (Staged<Boolean> producer : producers) {
            assertThat(producer.join().error()).as("how %s's put ended", producer.thread().getName()).isInstanceOf(BufferClosedException.class);
        }
        assertThat(buffer.size()).as("the items put before close are still there to drain").isEqualTo(2);
    }

    @Test
    @Hint("close() only sets a flag and wakes waiters: doing it twice changes nothing.")
    void closingTwiceIsHarmless() {
        buffer.close();
        buffer.close();
        assertThat(buffer.isClosed()).as("isClosed after two closes").isTrue();
    }

    @Test
    @Hint("An item counts as put once enqueue ran under the lock; close cannot undo that, and take still finds it.")
    void nothingAcceptedBeforeCloseIsLostWhileProducersAndConsumersRace() throws InterruptedException {
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        List<String> drained = Collections.synchronizedList(new ArrayList<>());
        List<Staged<Boolean>> threads = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int producer = p;
            threads.add(Staged.run("producer-" + p, () -> {
                for (int i = 0; ; i++) {
                    String item = producer + ":" + i;
                    buffer.put(item); // ends with BufferClosedException
                    accepted.add(item);
                    if (i == 500) {
                        buffer.close(); // one producer closes mid-stream, the other is cut off wherever it is
                    }
                }
            }));
        }
        for (int c = 0; c < 2; c++) {
            threads.add(Staged.run("consumer-" + c, () -> {
                while (true) {
                    drained.add(buffer.take()); // ends with BufferClosedException once drained
                }
            }));
        }
        for (Staged<Boolean> thread : threads) {
            // Every thread must have ended the documented way; anything else (an NPE, an
            // IllegalMonitorStateException) would otherwise vanish with the thread.
            assertThat(thread.join().error()).as("how %s ended", thread.thread().getName()).isInstanceOf(BufferClosedException.class);
        }
        assertThat(drained).as("items the consumers drained, against every item a put accepted").containsExactlyInAnyOrderElementsOf(accepted);
    }
}
