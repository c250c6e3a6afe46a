package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;

import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * Resource exhaustion, shown safely and by behaviour: a producer with no consumer puts a fixed
 * number of items. The unbounded buffer lets it put every one without ever making it wait; the
 * bounded one parks it at its capacity. (Carried on, the first ends in OutOfMemoryError; we stop
 * at a number that fits.) Each staging ends when the producer has either finished or parked.
 */
class UnboundedBufferTest {

    private static final int CAPACITY = 8;
    private static final int ITEMS = 10_000;

    /** A producer putting 0 … ITEMS-1 with no consumer, returned once it has finished or parked. */
    private static Staged<Integer> producerAlone(HandOff<Integer> buffer) {
        Staged<Integer> producer = Staged.start("producer", () -> {
            for (int i = 0; i < ITEMS; i++) {
                buffer.put(i);
            }
            return ITEMS;
        });
        Watch.until("the producer finished or parked", () -> !producer.thread().isAlive() || Watch.isParked(producer.thread()));
        return producer;
    }

    @Test
    @Hint("Nothing in an unbounded buffer's put ever waits: nothing pushes back on a producer.")
    void aProducerWithNoConsumerIsNeverHeldBackAndTheBacklogGrowsPastAnyCapacity() throws InterruptedException {
        UnboundedBuffer<Integer> buffer = new UnboundedBuffer<>();
        Staged<Integer> producer = producerAlone(buffer);
        boolean parked = producer.thread().isAlive();
        producer.thread().interrupt(); // only if it parked: then it must not outlive the test

        assertThat(parked).as("the producer parked, though no bound should hold it back").isFalse();
        assertThat(producer.join().value()).as("items the producer put without waiting").isEqualTo(ITEMS);
        assertThat(buffer.size()).as("backlog with no consumer").isEqualTo(ITEMS);
    }

    /** Guards against the unbounded "fix": the bounded buffer's put makes the same producer wait at its capacity. */
    @Test
    @Hint("put waits while the buffer holds capacity items: that wait is the push-back.")
    void theBoundedBufferParksTheSameProducerAtItsCapacity() throws InterruptedException {
        LockConditionBuffer<Integer> buffer = new LockConditionBuffer<>(CAPACITY);
        Staged<Integer> producer = producerAlone(buffer);
        boolean parked = producer.thread().isAlive();
        producer.thread().interrupt();

        assertThat(parked).as("the producer parked when the buffer was full").isTrue();
        assertThat(producer.join().error()).as("how the parked producer ended").isInstanceOf(InterruptedException.class);
        assertThat(buffer.size()).as("items held when the producer parked").isEqualTo(CAPACITY);
    }
}
