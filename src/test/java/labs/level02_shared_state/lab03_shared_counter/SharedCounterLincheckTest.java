package labs.level02_shared_state.lab03_shared_counter;

import labs.support.RunsLincheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.function.Supplier;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearizability (clause 2), checked by Lincheck's model checker: it runs small scenarios of
 * {@code increment}/{@code get} on two threads, explores thread switches at every shared-memory
 * access, and compares each result with some sequential order of the same calls. Every variant in
 * {@link Counter#IMPLEMENTATIONS} must pass; every lesson must be caught.
 *
 * <p>Budgets are small on purpose (Lincheck dominates the test run otherwise): they are enough to
 * find the racy counters' lost update every time, because the model checker explores the switch
 * between the read and the write systematically rather than hoping for it. Public, as Lincheck
 * requires.
 */
@RunsLincheck
public class SharedCounterLincheckTest {

    static Stream<Implementation<Supplier<Counter>>> implementations() {
        return Counter.IMPLEMENTATIONS.stream();
    }

    static Stream<Implementation<Counter.Lesson>> lessons() {
        return Counter.LESSONS.stream();
    }

    /**
     * For the variants that must pass: 3 scenarios x 50 interleavings. Small, so a pass here is
     * evidence, not proof; jcstress and the contract test add theirs.
     */
    private static ModelCheckingOptions smallBudget() {
        return budget(3);
    }

    /**
     * For the lessons: Lincheck stops at the first failing scenario, so a generous scenario count
     * costs nothing when the bug is there, and makes sure some scenario runs two increments in
     * parallel (a scenario of only gets cannot lose an update).
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
                .actorsAfter(1)
                // Results are compared with a plain sequential counter, not with the counter under
                // test run alone: else one that throws (a TODO) would agree with itself and pass.
                .sequentialSpecification(Sequential.class);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Once increment() has returned, every later get(), on any thread, must count it. Is your increment done when it returns?")
    void everyImplementationIsLinearizable(Implementation<Supplier<Counter>> impl) {
        assertThatCode(() -> Subject.check(smallBudget(), impl.create()))
                .as("Lincheck's verdict on " + impl.name() + " (a report shows the interleaving it found)")
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("lessons")
    @Hint("A lesson must still break its clause: if Lincheck finds no bad interleaving, the lesson no longer shows its bug.")
    void everyLessonIsReportedNonLinearizable(Implementation<Counter.Lesson> lesson) {
        Throwable failure = catchThrowable(() -> Subject.check(untilItFails(), lesson.create().make()));
        assertThat(failure).as("Lincheck must find an interleaving where " + lesson.name() + " breaks clause "
                        + lesson.create().breaks().label())
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results");
    }

    @Test
    void theSmallBudgetTheImplementationsPassStillCatchesTheRacyCounter() {
        // Negative control: a pass at smallBudget() means something only if that budget finds a known bug.
        Throwable failure = catchThrowable(() -> Subject.check(smallBudget().minimizeFailedScenario(false), RacyCounter::new));
        assertThat(failure).as("smallBudget() must be big enough to find count++'s lost update")
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results");
    }

    /** What a counter must do when nothing runs at the same time: the spec every result is compared with. */
    public static final class Sequential {
        private long count;

        public void increment() {
            count++;
        }

        public long get() {
            return count;
        }
    }

    /**
     * What Lincheck drives: it builds the object under test itself, with a public no-argument
     * constructor, once per scenario. The counter that constructor makes is chosen by
     * {@link #check}, just before each run; the test methods of this class run one at a time.
     */
    public static final class Subject {
        private static volatile Supplier<Counter> make;

        private final Counter counter = make.get();

        static void check(ModelCheckingOptions options, Supplier<Counter> counters) {
            make = counters;
            try {
                options.check(Subject.class);
            } finally {
                make = null;
            }
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
}
