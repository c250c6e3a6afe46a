package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Resource exhaustion, shown safely: a fixed number of items and no consumer. The unbounded buffer
 * takes all of them without ever making the producer wait; the bounded one pushes back at its
 * capacity. (Carried on, the first ends in OutOfMemoryError; we stop at a number that fits.)
 */
class UnboundedBufferTest {

    private static final int STATED_CAPACITY = 8;
    private static final int ITEMS = 10_000;

    @Test
    void aProducerWithNoConsumerIsNeverHeldBackAndTheBacklogPassesTheStatedCapacity() {
        UnboundedBuffer<Integer> buffer = new UnboundedBuffer<>(STATED_CAPACITY);
        for (int i = 0; i < ITEMS; i++) {
            buffer.put(i); // never waits: there is nothing to wait for
        }
        assertThat(buffer.capacity()).isEqualTo(STATED_CAPACITY);
        assertThat(buffer.size()).as("backlog vs the capacity it claims").isEqualTo(ITEMS);
    }

    @Test
    void theUnboundedBufferNeverRefusesAnOffer() {
        UnboundedBuffer<Integer> buffer = new UnboundedBuffer<>(STATED_CAPACITY);
        for (int i = 0; i < STATED_CAPACITY; i++) {
            buffer.put(i);
        }
        assertThat(buffer.offer(STATED_CAPACITY, Duration.ZERO)).as("no push-back at the stated capacity").isTrue();
    }

    @Test
    void theBoundedBufferPushesBackAtItsCapacity() throws InterruptedException {
        LockConditionBuffer<Integer> buffer = new LockConditionBuffer<>(STATED_CAPACITY);
        int accepted = 0;
        for (int i = 0; i < ITEMS; i++) {
            if (buffer.offer(i, Duration.ZERO)) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(STATED_CAPACITY);
        assertThat(buffer.size()).isEqualTo(STATED_CAPACITY);
    }
}
