package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * The late wakeup, staged: consumer C waits on an empty buffer; the test takes the buffer's lock,
 * puts an item (which signals C, but C cannot run: the test holds the lock) and takes the item
 * itself, then lets go. C wakes to an empty buffer. With {@code if} it takes anyway; with
 * {@code while} it looks again and goes back to waiting. No timing: the lock orders everything.
 */
class IfInsteadOfWhileBufferTest {

    @Test
    void aConsumerWokenAfterAnotherTookTheItemTakesFromAnEmptyBuffer() throws InterruptedException {
        IfInsteadOfWhileBuffer<String> buffer = new IfInsteadOfWhileBuffer<>(1);
        Outcome<String> late = new Outcome<>();
        Thread c = Outcome.start("late-consumer", late, buffer::take);
        Watch.until("the consumer waits on notEmpty", buffer::hasWaitingConsumer);

        signalThenStealTheItem(buffer.lock(), buffer);

        Watch.joinBounded(c);
        assertThat(late.returnedNull()).as("take() returned null: it took from an empty ring").isTrue();
        assertThat(buffer.size()).as("the count went below zero").isEqualTo(-1);
    }

    @Test
    void withWhileTheLateConsumerWaitsAgainAndGetsTheNextItem() throws InterruptedException {
        LockConditionBuffer<String> buffer = new LockConditionBuffer<>(1);
        Outcome<String> late = new Outcome<>();
        Thread c = Outcome.start("late-consumer", late, buffer::take);
        Watch.until("the consumer waits on notEmpty", () -> buffer.waitingConsumers() == 1);

        signalThenStealTheItem(buffer.lock(), buffer);

        Watch.until("the consumer re-checked and waits again", () -> buffer.waitingConsumers() == 1);
        assertThat(c.isAlive()).isTrue();
        buffer.put("b");
        Watch.joinBounded(c);
        assertThat(late.value()).isEqualTo("b");
        assertThat(buffer.size()).isZero();
    }

    /** Holds the lock across put and take, so the consumer the put signals can only run after the take. */
    private static void signalThenStealTheItem(ReentrantLock lock, BoundedBuffer<String> buffer) throws InterruptedException {
        lock.lock();
        try {
            buffer.put("a");                             // signals the waiting consumer; it now queues for the lock
            assertThat(buffer.take()).isEqualTo("a");   // a second consumer (us) gets there first
        } finally {
            lock.unlock();
        }
    }
}
