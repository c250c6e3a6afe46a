package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shutdown half of the contract ({@link ClosableBuffer}): producers fail fast, consumers drain, nothing is lost. */
class LockConditionBufferCloseTest {

    private final LockConditionBuffer<String> buffer = new LockConditionBuffer<>(2);

    @Test
    void putAfterCloseFailsAtOnce() {
        buffer.close();
        assertThatThrownBy(() -> buffer.put("a"))
                .isInstanceOf(BufferClosedException.class)
                .hasMessage("buffer is closed: no more puts");
    }

    @Test
    void offerAfterCloseFailsAtOnceEvenWithRoom() {
        buffer.close();
        assertThatThrownBy(() -> buffer.offer("a", Duration.ZERO)).isInstanceOf(BufferClosedException.class);
    }

    @Test
    void aProducerWaitingForRoomFailsWhenTheBufferCloses() throws InterruptedException {
        buffer.put("a");
        buffer.put("b");
        Outcome<Void> producer = new Outcome<>();
        Thread p = Outcome.start("producer", producer, () -> {
            buffer.put("c");
            return null;
        });
        Watch.until("the producer waits for room", () -> buffer.waitingProducers() == 1);

        buffer.close();
        Watch.joinBounded(p);
        assertThat(producer.thrown()).isInstanceOf(BufferClosedException.class);
    }

    @Test
    void consumersDrainWhatWasPutBeforeCloseThenAreToldItIsOver() throws InterruptedException {
        buffer.put("a");
        buffer.put("b");
        buffer.close();
        assertThat(buffer.take()).isEqualTo("a");
        assertThat(buffer.poll(Duration.ZERO)).isEqualTo("b");
        assertThatThrownBy(buffer::take)
                .isInstanceOf(BufferClosedException.class)
                .hasMessage("buffer is closed and drained");
    }

    @Test
    void pollOnAClosedEmptyBufferFailsInsteadOfReportingATimeout() {
        buffer.close();
        assertThatThrownBy(() -> buffer.poll(Duration.ZERO)).isInstanceOf(BufferClosedException.class);
    }

    @Test
    void everyWaitingConsumerWakesWhenTheBufferCloses() throws InterruptedException {
        // Guards the tempting signal() in close: see SignalInsteadOfSignalAllBufferTest.
        List<Outcome<String>> outcomes = new ArrayList<>();
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Outcome<String> outcome = new Outcome<>();
            outcomes.add(outcome);
            consumers.add(Outcome.start("consumer-" + i, outcome, buffer::take));
        }
        Watch.until("three consumers wait", () -> buffer.waitingConsumers() == 3);

        buffer.close();
        for (Thread c : consumers) {
            Watch.joinBounded(c);
        }
        assertThat(outcomes).allSatisfy(o -> assertThat(o.thrown()).isInstanceOf(BufferClosedException.class));
    }

    @Test
    void everyWaitingProducerWakesWhenTheBufferCloses() throws InterruptedException {
        buffer.put("a");
        buffer.put("b");
        List<Outcome<Void>> outcomes = new ArrayList<>();
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Outcome<Void> outcome = new Outcome<>();
            outcomes.add(outcome);
            String item = "p" + i;
            producers.add(Outcome.start("producer-" + i, outcome, () -> {
                buffer.put(item);
                return null;
            }));
        }
        Watch.until("three producers wait", () -> buffer.waitingProducers() == 3);

        buffer.close();
        for (Thread p : producers) {
            Watch.joinBounded(p);
        }
        assertThat(outcomes).allSatisfy(o -> assertThat(o.thrown()).isInstanceOf(BufferClosedException.class));
        assertThat(buffer.size()).as("the items put before close are still there to drain").isEqualTo(2);
    }

    @Test
    void closingTwiceIsHarmless() {
        buffer.close();
        buffer.close();
        assertThat(buffer.isClosed()).isTrue();
    }

    @Test
    void nothingAcceptedBeforeCloseIsLostWhileProducersAndConsumersRace() throws InterruptedException {
        List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> drained = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        List<Outcome<Void>> outcomes = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int producer = p;
            Outcome<Void> outcome = new Outcome<>();
            outcomes.add(outcome);
            threads.add(Outcome.start("producer-" + p, outcome, () -> {
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
            Outcome<Void> outcome = new Outcome<>();
            outcomes.add(outcome);
            threads.add(Outcome.start("consumer-" + c, outcome, () -> {
                while (true) {
                    drained.add(buffer.take()); // ends with BufferClosedException once drained
                }
            }));
        }
        for (Thread t : threads) {
            Watch.joinBounded(t);
        }
        assertThat(drained).containsExactlyInAnyOrderElementsOf(accepted);
        for (int i = 0; i < outcomes.size(); i++) {
            // Every thread must have ended the documented way; anything else (an NPE, an
            // IllegalMonitorStateException) would otherwise vanish with the thread.
            assertThat(outcomes.get(i).thrown()).as("how %s ended", threads.get(i).getName())
                    .isInstanceOf(BufferClosedException.class);
        }
    }
}
