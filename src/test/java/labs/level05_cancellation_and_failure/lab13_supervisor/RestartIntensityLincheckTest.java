package labs.level05_cancellation_and_failure.lab13_supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Arrays;
import labs.level05_cancellation_and_failure.lab13_supervisor.RestartIntensity.Decision;
import labs.support.Hint;
import labs.support.RunsLincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * The race behind "the parent learns it once": two children crash at the same moment on two threads
 * and both ask the intensity. Lincheck's model checker runs small scenarios of {@code admit} on two
 * threads, tries the thread switches between every shared read and write, and compares each outcome
 * with some sequential order of the same calls (the {@link Model}). A linearizable intensity gives
 * "give up" to one crash at most, and never lets two restarts through where the window had room for
 * one.
 *
 * <p>The negative control is the tempting version, the sequential rule itself on two threads: it
 * reads, decides and writes in three steps, so both crashes see room for one more restart, or both
 * see none and escalate twice. Small budgets, as
 * in lab03 and lab04; public, as Lincheck requires.
 */
@RunsLincheck
public class RestartIntensityLincheckTest {

    /** One restart per 2 ms: the second crash within 2 ms gives up; a crash 2 ms later finds the window empty again. */
    private static final int MAX_RESTARTS = 1;
    private static final long WINDOW_MILLIS = 2;

    /** For the intensity that must pass: 3 scenarios x 30 interleavings — evidence, not proof (Lincheck dominates the test run otherwise). */
    private static ModelCheckingOptions smallBudget() {
        return budget(3);
    }

    /** For the negative control: Lincheck stops at the first failing scenario, so more scenarios cost nothing when the race is there. */
    private static ModelCheckingOptions untilItFails() {
        return budget(20).minimizeFailedScenario(false);
    }

    private static ModelCheckingOptions budget(int scenarios) {
        return new ModelCheckingOptions()
                .iterations(scenarios)
                .invocationsPerIteration(30)
                .threads(2)
                .actorsPerThread(2)
                .actorsBefore(0) // both threads' first crashes race on an empty window: where the race is
                .actorsAfter(1)
                // Against a model, not against itself: a learner's intensity that always throws would agree with itself.
                .sequentialSpecification(Model.class);
    }

    /** The rule, sequentially: what each call must answer in some one-at-a-time order. */
    public static class Model {
        private long[] restarts = new long[0];
        private boolean gaveUp;

        public Decision admit(int at) {
            if (gaveUp) {
                return Decision.GAVE_UP_ALREADY;
            }
            long[] recent = within(restarts, at);
            if (recent.length >= MAX_RESTARTS) {
                gaveUp = true;
                return Decision.GIVE_UP;
            }
            restarts = Arrays.copyOf(recent, recent.length + 1);
            restarts[recent.length] = at;
            return Decision.RESTART;
        }
    }

    /** The restarts (sorted) still inside the window that ends at {@code at}. */
    static long[] within(long[] restarts, long at) {
        int first = 0;
        while (first < restarts.length && restarts[first] <= at - WINDOW_MILLIS) {
            first++;
        }
        return Arrays.copyOfRange(restarts, first, restarts.length);
    }

    @Test
    @Hint("Read the window, decide and record the restart as ONE atomic step (one immutable state, compare-and-set, retry on conflict): else two crashes at once both get a restart, or both give up.")
    void restartIntensityGivesUpOnceAndNeverAdmitsTwoRestartsForOneSlot() {
        assertThatCode(() -> smallBudget().check(Ours.class)).as("Lincheck's verdict on RestartIntensity").doesNotThrowAnyException();
    }

    @Test
    void theSameSmallBudgetCatchesACheckThenActIntensity() {
        // Negative control: the pass above means something only if the same kind of scenario finds the known race.
        Throwable failure = catchThrowable(() -> untilItFails().check(CheckThenAct.class));
        assertThat(failure).as("Lincheck must find the check-then-act intensity's race")
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results");
    }

    /** Lincheck builds a fresh instance per scenario; crash times run from 0 to 3 ms. */
    @Param(name = "at", gen = IntGen.class, conf = "0:3")
    public static class Ours {
        private final RestartIntensity intensity = new RestartIntensity(MAX_RESTARTS, Duration.ofMillis(WINDOW_MILLIS));

        @Operation
        public Decision admit(@Param(name = "at") int at) {
            return intensity.admit(at);
        }
    }

    /**
     * BROKEN ON PURPOSE, test scope only: the rule itself, {@link Model}, run on two threads as it
     * is — it reads the window, decides and writes in three steps, and nothing makes them one.
     */
    @Param(name = "at", gen = IntGen.class, conf = "0:3")
    public static class CheckThenAct {
        private final Model rule = new Model();

        @Operation
        public Decision admit(@Param(name = "at") int at) {
            return rule.admit(at);
        }
    }
}
