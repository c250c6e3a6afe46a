package labs.level02_shared_state.lab04_bounded_buffer;

import labs.support.RunsLincheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import labs.support.Hint;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the non-blocking half of the contract (offer and poll with a zero timeout,
 * size), checked by Lincheck's model checker on a buffer of 2: every concurrent result must match
 * some sequential order. The blocking half (put/take waits, close) is staged deterministically in
 * the other tests. Small budget, as in lab03; public, as Lincheck requires. ArrayBlockingQueue is
 * left to the shared contract tests: Lincheck costs about a second per check, and the JDK's queue
 * is not what this lab is proving.
 */
@RunsLincheck
public class BoundedBufferLincheckTest {

    private static ModelCheckingOptions smallBudget() {
        return new ModelCheckingOptions()
                .iterations(3)
                .invocationsPerIteration(50)
                .threads(2)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1)
                // Against a model, not against itself: without it a buffer whose every operation throws
                // (a learner's starting point) agrees with its own sequential runs and passes.
                .sequentialSpecification(Model.class);
    }

    /** The sequential model: a FIFO of at most 2 items. */
    public static class Model {
        private final java.util.ArrayDeque<Integer> items = new java.util.ArrayDeque<>();

        public boolean offer(int item) {
            return items.size() < 2 && items.add(item);
        }

        public Integer poll() {
            return items.poll();
        }

        public int size() {
            return items.size();
        }
    }

    @Test
    @Hint("offer, poll and size read and write the ring, its indices and its count under the one lock.")
    void lockConditionBufferOfferAndPollAreLinearizable() {
        assertThatCode(() -> smallBudget().check(Ours.class)).doesNotThrowAnyException();
    }

    @Test
    void theSameSmallBudgetCatchesARingBufferWithNoLock() {
        // Negative control: the pass above means something only if this budget finds a known race.
        Throwable failure = catchThrowable(() -> smallBudget().minimizeFailedScenario(false).check(Unlocked.class));
        assertThat(failure).as("smallBudget() must find the unlocked ring buffer's race")
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results");
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

    public static class Unlocked extends Operations {
        public Unlocked() {
            super(new UnlockedRingBuffer<>(2));
        }
    }

    /**
     * BROKEN ON PURPOSE, test scope only: {@link LockConditionBuffer}'s ring with the lock taken out.
     * Two offers can claim the same slot, and a poll can read a slot before its item is written.
     * Only the non-blocking half is implemented: Lincheck calls nothing else.
     */
    static final class UnlockedRingBuffer<T> implements BoundedBuffer<T> {
        private final Object[] items;
        private int head;
        private int tail;
        private int count;

        UnlockedRingBuffer(int capacity) {
            this.items = new Object[BoundedBuffer.checkCapacity(capacity)];
        }

        @Override
        public int capacity() {
            return items.length;
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public void put(T item) {
            throw new UnsupportedOperationException("not used by the Lincheck check");
        }

        @Override
        public T take() {
            throw new UnsupportedOperationException("not used by the Lincheck check");
        }

        @Override
        public boolean offer(T item, Duration timeout) {
            if (count == items.length) {
                return false;
            }
            items[tail] = BoundedBuffer.checkItem(item);
            tail = (tail + 1) % items.length;
            count++;
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T poll(Duration timeout) {
            if (count == 0) {
                return null;
            }
            T item = (T) items[head];
            items[head] = null;
            head = (head + 1) % items.length;
            count--;
            return item;
        }
    }
}
