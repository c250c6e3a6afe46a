package labs.level06_performance.lab14_lock_contention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab14 contract (see {@link ContendedCount} and the lab's README), checked once for every
 * implementation in {@link ContendedCount#IMPLEMENTATIONS}; the reports name each one.
 *
 * <p>The contending runs here are smoke checks of clause 1, not proofs: a lock left out may well
 * pass them on a quiet machine. The proof that each counter's increment is atomic is
 * {@link CounterLincheckTest}'s; the lanes have no shared count to race on, and their order and
 * bound are drawn in virtual time ({@link ReactiveLaneInVirtualTimeTest}).
 */
class ContendedCountContractTest {

    private static final BooleanSupplier NEVER = () -> false;

    static Stream<Implementation<Supplier<ContendedCount>>> implementations() {
        return ContendedCount.IMPLEMENTATIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("With one writer nothing contends: if this fails, the increment or the read is wrong before any concurrency.")
    void oneWriterCountsEveryIncrement(Implementation<Supplier<ContendedCount>> impl) {
        Tally tally = impl.create().get().count(1, 10_000, NEVER);

        assertThat(tally.added()).as("increments the one writer says it added").isEqualTo(10_000);
        assertThat(tally.counted()).as("the count once the one writer had ended").isEqualTo(10_000);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("count++ is read, add, write: two threads can read the same value. What makes the three steps one — or who is the only one writing?")
    void fourWritersAtOnceLoseNothing(Implementation<Supplier<ContendedCount>> impl) {
        Tally tally = impl.create().get().count(4, 20_000, NEVER);

        assertThat(tally.added()).as("increments the 4 writers say they added").isEqualTo(80_000);
        assertThat(tally.counted()).as("the count once 4 writers x 20 000 increments had ended (the rest were lost)").isEqualTo(80_000);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Sixteen writers on however few cores: nothing may be lost while writers wait their turn or are descheduled.")
    void moreWritersThanCoresLoseNothing(Implementation<Supplier<ContendedCount>> impl) {
        Tally tally = impl.create().get().count(16, 2_000, NEVER);

        assertThat(tally.counted()).as("the count once 16 writers x 2 000 increments had ended").isEqualTo(32_000);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A writer that never starts adds nothing: zero increments each is a run, not an error.")
    void writersOfZeroIncrementsCountZero(Implementation<Supplier<ContendedCount>> impl) {
        Tally tally = impl.create().get().count(3, 0, NEVER);

        assertThat(tally.counted()).as("the count of 3 writers with nothing to add").isZero();
        assertThat(tally.added()).as("what they say they added").isZero();
    }

    /**
     * Guards the run that is not a run: writers taken one after another on one thread lose nothing
     * either, and measure nothing. Each writer's first look at {@code stop} here waits (bounded)
     * until all three writers have looked: writers taken in turns never get there.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The writers must contend: all of them running at the same time, on threads of their own — not one after another.")
    void theWritersRunAtOnceEachOnThreadsOfTheirOwn(Implementation<Supplier<ContendedCount>> impl) {
        int writers = 3;
        Set<Thread> arrived = ConcurrentHashMap.newKeySet();
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier everyoneArrivesFirst = () -> {
            if (asked.getAndIncrement() < writers) { // each writer's first look at stop
                arrived.add(Thread.currentThread());
                // A bare spin: the lanes' writers run on threads BlockHound watches.
                Watch.spinUntil(writers + " writers running at once (arrived: " + arrived + ")", () -> arrived.size() >= writers);
            }
            return false;
        };

        Tally tally = impl.create().get().count(writers, 1_000, everyoneArrivesFirst);

        assertThat(arrived).as("threads the writers ran on").hasSize(writers);
        assertThat(tally.counted()).as("the count of 3 writers x 1 000").isEqualTo(3_000);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A writer looks at stop before its first increment and every 64 after, and ends once it says true; what it added is still counted, exactly.")
    void aStoppedRunEndsAndCountsExactlyWhatItsWritersAdded(Implementation<Supplier<ContendedCount>> impl) {
        AtomicInteger looks = new AtomicInteger();
        BooleanSupplier stopAfterAFewLooks = () -> looks.incrementAndGet() > 20;

        Tally tally = impl.create().get().count(4, Long.MAX_VALUE, stopAfterAFewLooks);

        assertThat(tally.added()).as("what 4 endless writers added before stop said true").isPositive()
                .isLessThanOrEqualTo(21L * ContendedCount.STOP_EVERY);
        assertThat(tally.counted()).as("the count of a stopped run").isEqualTo(tally.added());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A writer that fails ends the run: count() throws its exception, once every thread it started has ended.")
    void aWriterThatThrowsEndsTheRunWithItsException(Implementation<Supplier<ContendedCount>> impl) {
        IllegalStateException boom = new IllegalStateException("stop cannot be read");
        AtomicInteger looks = new AtomicInteger();
        BooleanSupplier failsOnTheThirdLook = () -> {
            if (looks.incrementAndGet() == 3) {
                throw boom;
            }
            return false;
        };

        assertThatThrownBy(() -> impl.create().get().count(2, 100_000, failsOnTheThirdLook))
                .as("what count() threw when a writer failed").isSameAs(boom);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An Error is not data: it must reach the caller as it is, not wrapped and not swallowed.")
    void anErrorOnAWriterIsRethrownAsItIs(Implementation<Supplier<ContendedCount>> impl) {
        AssertionError error = new AssertionError("an Error is not data");
        AtomicInteger looks = new AtomicInteger();
        BooleanSupplier failsOnTheFirstLook = () -> {
            if (looks.incrementAndGet() == 1) { // one writer fails; a second failure would have nowhere to go
                throw error;
            }
            return false;
        };

        assertThatThrownBy(() -> impl.create().get().count(2, 100_000, failsOnTheFirstLook)).as("what count() threw").isSameAs(error);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Bad input fails before anything starts, in one line that names it.")
    void badInputIsRejectedInOneLineBeforeAnythingStarts(Implementation<Supplier<ContendedCount>> impl) {
        ContendedCount count = impl.create().get();

        assertThatThrownBy(() -> count.count(0, 10, NEVER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("writers must be >= 1 (got 0)");
        assertThatThrownBy(() -> count.count(-3, 10, NEVER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("writers must be >= 1 (got -3)");
        assertThatThrownBy(() -> count.count(2, -1, NEVER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("each must be >= 0 increments per writer (got -1)");
        assertThatThrownBy(() -> count.count(2, 10, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("stop must not be null (pass () -> false to never stop)");
    }
}
