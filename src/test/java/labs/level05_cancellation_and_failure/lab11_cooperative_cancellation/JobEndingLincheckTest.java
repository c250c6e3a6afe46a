package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.TimeUnit;
import labs.support.Hint;
import labs.support.RunsLincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancel racing completion, proven: Lincheck's model checker runs {@link JobEnding}'s
 * {@code cancel} against the job's own {@code settle} (completed or failed) on two threads,
 * switching threads at every shared-memory access, and checks every result against a sequential
 * model in which the first decision wins and stands. So in every interleaving it explores: exactly
 * one of cancelled / completed / failed, the same answer to everyone, and a cancel that wins exactly
 * once (its stopper runs only then). Every implementation of the lab decides its ending with this
 * class, so this covers them all; the negative control shows the budget finds a check-then-act race.
 * Small budgets, as in lab03; public, as Lincheck requires.
 */
@RunsLincheck
// The first Lincheck test in a JVM pays for instrumenting the classes (8-12 s on 2 loaded cores,
// measured 2026-11-30), which the default 20 s bound would not survive under load.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public class JobEndingLincheckTest {

    private static ModelCheckingOptions budget(int scenarios) {
        return new ModelCheckingOptions()
                .iterations(scenarios)
                .invocationsPerIteration(50)
                .threads(2)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(1)
                // Against the model, not against itself: else an ending that always throws would agree with itself.
                .sequentialSpecification(Model.class);
    }

    /** The sequential model: the first decision is the ending; nothing changes it afterwards. */
    public static class Model {
        private Ending ending;

        public boolean cancel() {
            if (ending != null) {
                return false;
            }
            ending = Ending.CANCELLED;
            return true;
        }

        public Ending complete() {
            return settle(Ending.COMPLETED);
        }

        public Ending fail() {
            return settle(Ending.FAILED);
        }

        private Ending settle(Ending own) {
            if (ending == null) {
                ending = own;
            }
            return ending;
        }

        public Ending ending() {
            return ending;
        }

        public boolean cancelRequested() {
            return ending == Ending.CANCELLED;
        }
    }

    /** The operations, over what decides: ours, or the racy control. */
    public abstract static class Operations {
        abstract boolean doCancel();

        abstract Ending doSettle(Ending own);

        abstract Ending doEnding();

        abstract boolean doCancelRequested();

        @Operation
        public boolean cancel() {
            return doCancel();
        }

        @Operation
        public Ending complete() {
            return doSettle(Ending.COMPLETED);
        }

        @Operation
        public Ending fail() {
            return doSettle(Ending.FAILED);
        }

        @Operation
        public Ending ending() {
            return doEnding();
        }

        @Operation
        public boolean cancelRequested() {
            return doCancelRequested();
        }
    }

    public static class Ours extends Operations {
        private final JobEnding ending = new JobEnding();
        private int stops; // the stopper runs on the winning cancel's thread, inside cancel()

        @Override
        boolean doCancel() {
            boolean won = ending.cancel(() -> stops++);
            if (won && stops != 1) {
                throw new IllegalStateException("a winning cancel ran its stopper " + stops + " times");
            }
            return won;
        }

        @Override
        Ending doSettle(Ending own) {
            return ending.settle(own);
        }

        @Override
        Ending doEnding() {
            return ending.ending();
        }

        @Override
        boolean doCancelRequested() {
            return ending.cancelRequested();
        }
    }

    /**
     * BROKEN ON PURPOSE, test scope only: the decision as check-then-act on a volatile field. A
     * cancel and the job's own end can both read "undecided", and both win.
     */
    public static class Racy extends Operations {
        private volatile Ending ending;

        @Override
        boolean doCancel() {
            if (ending != null) {
                return false;
            }
            ending = Ending.CANCELLED;
            return true;
        }

        @Override
        Ending doSettle(Ending own) {
            if (ending == null) {
                ending = own;
            }
            return own; // "I decided": what the racy version believes
        }

        @Override
        Ending doEnding() {
            return ending;
        }

        @Override
        boolean doCancelRequested() {
            return ending == Ending.CANCELLED;
        }
    }

    @Test
    @Hint("One compare-and-set decides: RUNNING to STOPPING (cancel) or RUNNING to COMPLETED/FAILED (the job). A check followed by a write lets both win.")
    void cancelRacingTheJobsOwnEndDecidesExactlyOneEnding() {
        assertThatCode(() -> budget(5).check(Ours.class))
                .as("Lincheck's verdict on JobEnding (a report shows the interleaving it found)")
                .doesNotThrowAnyException();
    }

    @Test
    void theSameBudgetCatchesACheckThenActDecision() {
        // Negative control: the pass above means something only if this budget finds a known race.
        Throwable failure = catchThrowable(() -> budget(20).minimizeFailedScenario(false).check(Racy.class));
        assertThat(failure).as("the budget must find the racy decision's double win")
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results");
    }
}
