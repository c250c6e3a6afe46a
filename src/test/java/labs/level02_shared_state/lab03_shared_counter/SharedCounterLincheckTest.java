package labs.level02_shared_state.lab03_shared_counter;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThat;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Linearizability, checked by Lincheck's model checker: it runs small scenarios of
 * {@code increment}/{@code get} on two threads, explores thread switches at every shared-memory
 * access, and compares each result with some sequential order of the same calls.
 *
 * <p>Budgets are small on purpose (Lincheck dominates the test run otherwise): they are enough to
 * find the lost update in the racy counters every time, because the model checker explores the
 * switch between the read and the write systematically rather than hoping for it. Public, as
 * Lincheck requires.
 */
public class SharedCounterLincheckTest {

    /**
     * For the correct counters: 3 scenarios x 50 interleavings. Small, so a pass here is evidence,
     * not proof; jcstress and the contract test add theirs.
     */
    private static ModelCheckingOptions smallBudget() {
        return budget(3);
    }

    /**
     * For the broken ones: Lincheck stops at the first failing scenario, so a generous scenario
     * count costs nothing when the bug is there, and makes sure some scenario runs two increments
     * in parallel (a scenario of only gets cannot lose an update).
     */
    private static ModelCheckingOptions untilItFails() {
        // Minimising the failing scenario only polishes the report; the assertion needs the failure.
        return budget(20).minimizeFailedScenario(false);
    }

    private static ModelCheckingOptions budget(int scenarios) {
        return new ModelCheckingOptions()
                .iterations(scenarios)
                .invocationsPerIteration(50)
                .threads(2)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(1);
    }

    @Test
    void racyCounterIsReportedNonLinearizable() {
        Throwable failure = catchThrowable(() -> untilItFails().check(Racy.class));
        assertThat(failure).as("Lincheck must find the lost update of count++ on a plain field")
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results");
    }

    @Test
    void volatileCounterIsReportedNonLinearizable() {
        Throwable failure = catchThrowable(() -> untilItFails().check(Volatile.class));
        assertThat(failure).as("volatile gives visibility, not atomicity: Lincheck must find the lost update")
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results");
    }

    @Test
    void theSmallBudgetTheCorrectCountersPassStillCatchesTheRacyCounter() {
        // Negative control: a pass at smallBudget() means something only if that budget finds a known bug.
        Throwable failure = catchThrowable(() -> smallBudget().minimizeFailedScenario(false).check(Racy.class));
        assertThat(failure).as("smallBudget() must be big enough to find count++'s lost update")
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results");
    }

    @Test
    void reactorSingleWriterCounterIsLinearizable() {
        // A refused emitter retries until the sink is free, so increment() returns only once counted.
        assertThatCode(() -> smallBudget().check(ReactorSingleWriter.class)).doesNotThrowAnyException();
    }

    @Test
    void rxJavaSerializedCounterIsReportedNonLinearizable() {
        // toSerialized() queues a contending onNext and returns: the caller's own get() can read a count
        // without its increment ("increment(); get(): 0"). Nothing is lost, it is counted later.
        Throwable failure = catchThrowable(() -> untilItFails().check(RxJavaSerialized.class));
        assertThat(failure).as("Lincheck must find a get() that misses an increment which had already returned")
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results");
    }

    @Test
    void synchronizedCounterIsLinearizable() {
        assertThatCode(() -> smallBudget().check(Synchronized.class)).doesNotThrowAnyException();
    }

    @Test
    void lockCounterIsLinearizable() {
        assertThatCode(() -> smallBudget().check(Lock.class)).doesNotThrowAnyException();
    }

    @Test
    void atomicCounterIsLinearizable() {
        assertThatCode(() -> smallBudget().check(Atomic.class)).doesNotThrowAnyException();
    }

    @Test
    void adderCounterIsLinearizable() {
        assertThatCode(() -> smallBudget().check(Adder.class)).doesNotThrowAnyException();
    }

    /** Lincheck builds a fresh instance per scenario, so each counter gets a small public wrapper. */
    public abstract static class Operations {
        private final Counter counter;

        Operations(Counter counter) {
            this.counter = counter;
        }

        @Operation
        public void increment() {
            counter.increment();
        }

        @Operation
        public long get() {
            return counter.get();
        }
    }

    public static class Racy extends Operations {
        public Racy() {
            super(new RacyCounter());
        }
    }

    public static class Volatile extends Operations {
        public Volatile() {
            super(new VolatileCounter());
        }
    }

    public static class Synchronized extends Operations {
        public Synchronized() {
            super(new SynchronizedCounter());
        }
    }

    public static class Lock extends Operations {
        public Lock() {
            super(new LockCounter());
        }
    }

    public static class Atomic extends Operations {
        public Atomic() {
            super(new AtomicCounter());
        }
    }

    public static class ReactorSingleWriter extends Operations {
        public ReactorSingleWriter() {
            super(new ReactorSingleWriterCounter());
        }
    }

    public static class RxJavaSerialized extends Operations {
        public RxJavaSerialized() {
            super(new RxJavaSingleWriterCounter());
        }
    }

    public static class Adder extends Operations {
        public Adder() {
            super(new AdderCounter());
        }
    }
}
