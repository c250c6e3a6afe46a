package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.ReentrantLock;
import labs.support.Hint;
import labs.support.Result;
import labs.support.Staged;
import org.junit.jupiter.api.Test;

/**
 * The late wakeup, staged: consumer C waits on an empty buffer; the test takes the buffer's lock,
 * puts an item (which signals C, but C cannot run: the test holds the lock) and takes the item
 * itself, then lets go. C wakes to an empty buffer, and with {@code if} takes anyway. No timing:
 * the lock orders everything. The reference has no lock to lend, so it cannot be staged the same
 * way: its {@code while} is guarded by the contract test with two producers and two consumers,
 * where a consumer that did not look again would take a null (FAILURE.md, row 1).
 */
class IfInsteadOfWhileBufferTest {

    @Test
    @Hint("A signal says only that the state changed; by the time the woken thread has the lock, another may have changed it back.")
    void aConsumerWokenAfterAnotherTookTheItemTakesFromAnEmptyBuffer() throws InterruptedException {
        IfInsteadOfWhileBuffer<String> buffer = new IfInsteadOfWhileBuffer<>(1);
        Staged<String> late = ConditionWaits.startAwaiting("late-consumer", buffer::take);

        ReentrantLock lock = buffer.lock();
        lock.lock(); // so the consumer the put signals can only run after the take below
        try {
            buffer.put("a");
            assertThat(buffer.take()).as("what a second consumer (the test) took first").isEqualTo("a");
        } finally {
            lock.unlock();
        }

        Result<String> taken = late.join();
        // Staged reports a null return as a failure that says so: that is what if-instead-of-while returns here.
        assertThat(taken.error()).as("what the late consumer's take() returned").hasMessage("late-consumer returned null");
        assertThat(buffer.size()).as("the count after a take from an empty ring").isEqualTo(-1);
    }
}
