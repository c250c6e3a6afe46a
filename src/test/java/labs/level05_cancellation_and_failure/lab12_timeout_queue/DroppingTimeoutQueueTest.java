package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broken variant "a queue that loses an expiring item" ({@link DroppingTimeoutQueue}): what it
 * gets wrong, and that the contract test's accounting catches it — with the same hand-moved clock,
 * zero timeouts and a single thread: this loss needs no race.
 */
class DroppingTimeoutQueueTest {

    private final ManualTime time = new ManualTime();
    private final DroppingTimeoutQueue<String> queue = new DroppingTimeoutQueue<>(2, Duration.ofMillis(100), time.clock());

    @AfterEach
    void close() {
        queue.close();
        time.close();
    }

    @Test
    void aConsumerThatSkipsAStaleItemLosesItFromTheLedger() throws InterruptedException {
        queue.offer("a", Duration.ZERO);
        time.advance(Duration.ofMillis(100));

        assertThat(queue.poll(Duration.ZERO)).as("a poll after a's time-to-live ran out").isNull();
        assertThat(queue.expired()).as("expired(): a is not there either").isEmpty();
        assertThat(queue.ledger().unaccounted()).as("items no column accounts for: %s", queue.ledger()).isEqualTo(1);
    }

    /** The guard: the contract test's scenario, run on this queue, fails at the first dropped item. */
    @Test
    void theContractTestsAccountingCatchesTheDroppedItem() {
        assertThatThrownBy(() -> TimeoutQueueContractTest.everyItemEndsExactlyOneWay(queue, time))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("items no column accounts for");
    }
}
