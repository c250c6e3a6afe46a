package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the non-blocking half of the contract (offer and poll with a zero timeout,
 * size), checked by Lincheck's model checker on a buffer of 2: every concurrent result must match
 * some sequential order. The blocking half (put/take waits, close) is staged deterministically in
 * the other tests. Small budget, as in lab03; public, as Lincheck requires. ArrayBlockingQueue is
 * left to the shared contract tests: Lincheck costs about a second per check, and the JDK's queue
 * is not what this lab is proving.
 */
public class BoundedBufferLincheckTest {

    private static ModelCheckingOptions smallBudget() {
        return new ModelCheckingOptions()
                .iterations(3)
                .invocationsPerIteration(50)
                .threads(2)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1);
    }

    @Test
    void lockConditionBufferOfferAndPollAreLinearizable() {
        assertThatCode(() -> smallBudget().check(Ours.class)).doesNotThrowAnyException();
    }

    /** Lincheck builds a fresh instance per scenario. */
    public abstract static class Operations {
        private final BoundedBuffer<Integer> buffer;

        Operations(BoundedBuffer<Integer> buffer) {
            this.buffer = buffer;
        }

        @Operation
        public boolean offer(int item) throws InterruptedException {
            return buffer.offer(item, Duration.ZERO);
        }

        @Operation
        public Integer poll() throws InterruptedException {
            return buffer.poll(Duration.ZERO);
        }

        @Operation
        public int size() {
            return buffer.size();
        }
    }

    public static class Ours extends Operations {
        public Ours() {
            super(new LockConditionBuffer<>(2));
        }
    }
}
