package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;

import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * The missed wakeup on close, staged: consumers C1 then C2 wait on an empty buffer, the buffer is
 * closed. The stall is a state, not a slowness: the buffer is closed, C1 has ended, C2 is still
 * parked on the condition, and no code path is left that would signal it. The watchdog waits
 * (bounded) for exactly that state, reports it, and breaks it with an interrupt so the test ends.
 *
 * <p>"Waiting" is staged as "parked inside {@code await}" ({@link ConditionWaits}): a thread is on
 * the condition's queue a moment before it parks, and on a loaded machine that moment can be long
 * (a first version checked the queue only and failed 1 run in 20 at load 5).
 */
class SignalInsteadOfSignalAllBufferTest {

    @Test
    @Hint("close() changes what every waiter waits for; one signal() wakes one waiter, who does not pass it on.")
    void closeWakesOneOfTwoWaitingConsumersAndTheOtherStallsOnAClosedBuffer() throws InterruptedException {
        SignalInsteadOfSignalAllBuffer<String> buffer = new SignalInsteadOfSignalAllBuffer<>(1);
        Staged<String> first = ConditionWaits.startAwaiting("consumer-1", buffer::take);
        Staged<String> second = ConditionWaits.startAwaiting("consumer-2", buffer::take);
        try {
            buffer.close();

            // the one signal() went to the longest waiter
            assertThat(first.join().error()).as("how consumer-1's take ended").isInstanceOf(BufferClosedException.class);
            Watch.until("stall: closed, consumer-2 still waiting in take(), nobody left to signal", () ->
                    buffer.isClosed() && ConditionWaits.awaitsACondition(second.thread()));
        } finally {
            second.thread().interrupt(); // the watchdog breaks the stall (and never leaves it behind)
        }
        assertThat(second.join().error()).as("consumer-2 only ever left through the interrupt").isInstanceOf(InterruptedException.class);
    }

    @Test
    @Hint("close() changes what every waiter waits for: signalAll() tells each of them.")
    void withSignalAllBothWaitingConsumersAreToldTheBufferIsClosed() throws InterruptedException {
        LockConditionBuffer<String> buffer = new LockConditionBuffer<>(1);
        Staged<String> first = ConditionWaits.startAwaiting("consumer-1", buffer::take);
        Staged<String> second = ConditionWaits.startAwaiting("consumer-2", buffer::take);

        buffer.close();

        assertThat(first.join().error()).as("how consumer-1's take ended").isInstanceOf(BufferClosedException.class);
        assertThat(second.join().error()).as("how consumer-2's take ended").isInstanceOf(BufferClosedException.class);
    }
}
