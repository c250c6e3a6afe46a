package labs.level05_cancellation_and_failure.lab13_supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.Request;
import org.junit.jupiter.api.Test;

/** {@code labs run lab13}: it offers exactly the registry, refuses bad input in one line before starting anything, and reads its prose off the run. */
class SupervisorExperimentTest {

    private final SupervisorExperiment experiment = new SupervisorExperiment();

    private String run(Request request) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        experiment.prepare(request).printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Request lab13() {
        return Request.defaults("lab13");
    }

    @Test
    void theCliOffersExactlyTheRegistrysImplementations() {
        assertThat(experiment.implementations()).extracting(Choice::name).containsExactlyElementsOf(Supervisor.IMPLEMENTATIONS.names());
    }

    @Test
    void aMaximumBackoffBelowTheMinimumIsRefusedInOneLine() {
        assertThatThrownBy(() -> experiment.prepare(lab13().with("min-backoff-ms", 50).with("max-backoff-ms", 10)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--max-backoff-ms (10) must be at least --min-backoff-ms (50)");
    }

    @Test
    void anIntensityOfZeroIsRefusedInOneLine() {
        assertThatThrownBy(() -> experiment.prepare(lab13().with("intensity", 0)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--intensity must be a whole number from 1 to 1000 (got 0)");
    }

    @Test
    void thePoisonScenarioNeedsAnInputFiveToPoison() {
        assertThatThrownBy(() -> experiment.prepare(lab13().with("inject", "poison").with("inputs", 3)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--inject poison needs --inputs 6 or more (input 5 is the poison; got 3)");
    }

    @Test
    void aPlainRunCompletesEveryInputOnBothStrategies() throws InterruptedException {
        String out = run(lab13().with("impl", "threads").with("children", 2).with("inputs", 8));

        assertThat(out).as("the table").containsPattern("\\| threads \\| one-for-one \\| completed \\| +16 \\|")
                .containsPattern("\\| threads \\| one-for-all \\| completed \\| +16 \\|");
        assertThat(out).as("the reading after the table").contains("Every run completed with all 16 outputs");
    }

    @Test
    void theCrashLoopRunsTheNoBackoffVariantBesideTheReferenceAndSaysWhichGaveUp() throws InterruptedException {
        String out = run(lab13().with("impl", "reactor").with("inject", "crash-loop").with("children", 1).with("inputs", 2));

        assertThat(out).as("the table").contains("| no-backoff ").containsPattern("\\| reactor +\\| one-for-one \\| completed ");
        assertThat(out).as("the reading").contains("With backoff every run waited out the 150 ms outage").contains("Without backoff: ");
    }

    @Test
    void theEscalationScenarioGivesUpAndSaysSo() throws InterruptedException {
        // a window of a minute: the three restarts fall in it however slowly a loaded machine gets there
        String out = run(lab13().with("impl", "rxjava").with("inject", "escalation").with("children", 2).with("inputs", 4).with("window-ms", 60_000));

        assertThat(out).as("the table").containsPattern("\\| rxjava \\| one-for-one \\| gave up at \\d+ ms");
        assertThat(out).as("the reading").contains("Every run gave up after 3 restarts within 60 s");
    }
}
