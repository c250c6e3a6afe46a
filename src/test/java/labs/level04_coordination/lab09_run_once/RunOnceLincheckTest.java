package labs.level04_coordination.lab09_run_once;

import labs.support.RunsLincheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.atomic.AtomicInteger;
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
 * "At most one run", checked by Lincheck's model checker: small scenarios of {@code get()} and
 * {@code runs()} on two threads, with a thread switch tried at every shared-memory access, each
 * result compared with the sequential spec (the first {@code get()} runs the initializer, every
 * {@code get()} returns run 1's value, {@code runs()} is never above 1). The variants that run the
 * initializer on the caller's thread must pass; the lessons that run it twice must be caught.
 *
 * <p>Not here: the reactive variants (their runs happen on scheduler threads Lincheck does not
 * control; the contract test's staged overlap covers them), and clause 5 (Lincheck explores
 * interleavings of a sequentially consistent memory, so a missing {@code volatile} is invisible to
 * it — shown below, and left to jcstress). Public, as Lincheck requires.
 */
@RunsLincheck
public class RunOnceLincheckTest {

    static Stream<Implementation<RunOnce.Variant>> runOnTheCallersThread() {
        return RunOnce.IMPLEMENTATIONS.stream().filter(i -> i.create().runsOn() == RunOnce.RunsOn.CALLER);
    }

    static Stream<Implementation<RunOnce.Lesson>> lessonsThatRunTwice() {
        return RunOnce.LESSONS.stream().filter(l -> l.create().breaks() != RunOnce.Clause.SAFE_PUBLICATION);
    }

    /** For the variants that must pass: 3 scenarios x 50 interleavings. Evidence, not proof. */
    private static ModelCheckingOptions smallBudget() {
        return budget(3);
    }

    /** For the lessons: Lincheck stops at the first failing scenario, so more scenarios cost nothing when the bug is there. */
    private static ModelCheckingOptions untilItFails() {
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
                // Compared with a written spec, not with the variant run alone: one that throws would agree with itself.
                .sequentialSpecification(Sequential.class);
    }

    @ParameterizedTest
    @MethodSource("runOnTheCallersThread")
    @Hint("However the two threads interleave, the initializer runs once and both get() calls return its value.")
    void everyVariantThatRunsOnTheCallersThreadRunsTheInitializerAtMostOnce(Implementation<RunOnce.Variant> impl) {
        assertThatCode(() -> Subject.check(smallBudget(), impl.create().make()))
                .as("Lincheck's verdict on " + impl.name() + " (a report shows the interleaving it found)")
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("lessonsThatRunTwice")
    void everyLessonThatRunsTheInitializerTwiceIsCaught(Implementation<RunOnce.Lesson> lesson) {
        Throwable failure = catchThrowable(() -> Subject.check(untilItFails(), lesson.create().make()));
        assertThat(failure).as("Lincheck must find an interleaving where " + lesson.name() + " runs the initializer twice")
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results");
    }

    @Test
    void theSmallBudgetTheVariantsPassStillCatchesTheRacyLazyInit() {
        // Negative control: a pass at smallBudget() means something only if that budget finds a known bug.
        Throwable failure = catchThrowable(() -> Subject.check(smallBudget().minimizeFailedScenario(false), RacyLazy::new));
        assertThat(failure).as("smallBudget() must be big enough to find check-then-act's second run")
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results");
    }

    /** A limit of the tool, kept true on purpose: the lesson's bug is in the memory model, which Lincheck does not model. */
    @Test
    void lincheckCannotSeeTheMissingVolatileOfDoubleCheckedLocking() {
        assertThatCode(() -> Subject.check(smallBudget(), UnsafeDoubleCheckedLazy::new))
                .as("Lincheck's verdict on double-checked locking without volatile: it passes, which proves nothing about clause 5")
                .doesNotThrowAnyException();
    }

    /** What a run-once value must do when nothing runs at the same time: the spec every result is compared with. */
    public static final class Sequential {
        private int runs;

        public int get() {
            if (runs == 0) {
                runs = 1;
            }
            return 1;
        }

        public int runs() {
            return runs;
        }
    }

    /**
     * What Lincheck drives: it builds one per scenario with the public no-argument constructor. The
     * variant under test is chosen by {@link #check} just before each run; the initializer numbers
     * its runs (1 for the first), so {@code get()} returns which run made the value.
     */
    public static final class Subject {
        private static volatile RunOnce.Factory make;

        private final AtomicInteger runs = new AtomicInteger();
        private final RunOnce<Integer> lazy = make.of(runs::incrementAndGet);

        static void check(ModelCheckingOptions options, RunOnce.Factory variant) {
            make = variant;
            try {
                options.check(Subject.class);
            } finally {
                make = null;
            }
        }

        @Operation
        public int get() {
            return lazy.get();
        }

        @Operation
        public int runs() {
            return runs.get();
        }
    }
}
