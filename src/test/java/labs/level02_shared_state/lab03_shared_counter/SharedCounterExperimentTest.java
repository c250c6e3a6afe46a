package labs.level02_shared_state.lab03_shared_counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import labs.support.BadInputException;
import labs.support.ExperimentOptions;
import org.junit.jupiter.api.Test;

class SharedCounterExperimentTest {

    private final SharedCounterExperiment experiment = new SharedCounterExperiment();

    @Test
    void negativeThreadCountIsRejectedWithOneLine() {
        var options = new ExperimentOptions(Optional.empty(), Optional.empty(), OptionalInt.of(-1), OptionalInt.empty());
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--workers must be a whole number from 1 to 256 (got -1)");
    }

    @Test
    void zeroIncrementsAreRejectedWithOneLine() {
        var options = new ExperimentOptions(Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.of(0));
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("--tasks");
    }

    @Test
    void unknownImplementationIsRejectedNamingTheAllowedOnes() {
        var options = new ExperimentOptions(Optional.of("magic"), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown implementation 'magic'")
                .hasMessageContaining("atomic");
    }

    @Test
    void aCorrectVariantIsReportedWithNoLostUpdates() throws InterruptedException {
        var options = new ExperimentOptions(Optional.of("atomic"), Optional.empty(), OptionalInt.of(2), OptionalInt.of(1_000));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        experiment.prepare(options).printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("2 threads x 1000 increments = 2000 expected")
                .containsPattern("\\| atomic +\\| correct +\\| +2000 \\| +0 \\|");
    }
}
