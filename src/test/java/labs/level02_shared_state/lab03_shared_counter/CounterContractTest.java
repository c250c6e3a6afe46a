package labs.level02_shared_state.lab03_shared_counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab03 contract (see {@link Counter} and the lab's README), checked once for every variant in
 * {@link Counter#IMPLEMENTATIONS}; the reports name each one. Clause 2 (linearizable) is
 * {@link SharedCounterLincheckTest}'s job. The lessons are not run here with a loop that hopes for
 * a race: their own tests prove them wrong.
 */
class CounterContractTest {

    static Stream<Implementation<Supplier<Counter>>> implementations() {
        return Counter.IMPLEMENTATIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Nothing has been counted yet. For a single writer: is anyone subscribed to the totals before the first read?")
    void aNewCounterReadsZero(Implementation<Supplier<Counter>> impl) {
        try (Counter counter = impl.create().get()) {
            assertThat(counter.get()).as("count of a new counter").isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("With one thread nothing contends: if this fails, the increment or the read is wrong before any concurrency.")
    void incrementsOnOneThreadAreAllCounted(Implementation<Supplier<Counter>> impl) {
        try (Counter counter = impl.create().get()) {
            for (int i = 1; i <= 1_000; i++) {
                counter.increment();
                assertThat(counter.get()).as("count right after increment number %d returned, on the same thread", i).isEqualTo(i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("count++ is read, add, write: two threads can read the same value. What makes the three steps one?")
    void incrementsFromFourContendingThreadsAreAllCountedOnceTheyHaveReturned(Implementation<Supplier<Counter>> impl) throws InterruptedException {
        try (Counter counter = impl.create().get()) {
            long returned = SharedCounterExperiment.hammer(counter, 4, 20_000).value();
            assertThat(returned).as("increments that returned").isEqualTo(80_000);
            assertThat(counter.get()).as("count once 4 threads x 20 000 increments had returned (the rest were lost)").isEqualTo(80_000);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("close() ends what the counter holds; it must be safe to call again.")
    void closingTwiceIsHarmlessAndKeepsTheCount(Implementation<Supplier<Counter>> impl) {
        Counter counter = impl.create().get();
        counter.increment();
        counter.close();
        counter.close();
        assertThat(counter.get()).as("count after one increment and two close() calls").isEqualTo(1);
    }
}
