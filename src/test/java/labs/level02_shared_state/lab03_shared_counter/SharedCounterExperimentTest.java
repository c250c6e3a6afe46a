package labs.level02_shared_state.lab03_shared_counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import labs.support.BadInputException;
import labs.support.Request;
import org.junit.jupiter.api.Test;

class SharedCounterExperimentTest {

    private final SharedCounterExperiment experiment = new SharedCounterExperiment();

    @Test
    void negativeThreadCountIsRejectedWithOneLine() {
        var options = Request.defaults("lab03").with("threads", -1);
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--threads must be a whole number from 1 to 256 (got -1)");
    }

    @Test
    void zeroIncrementsAreRejectedWithOneLine() {
        var options = Request.defaults("lab03").with("increments", 0);
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("--increments");
    }

    @Test
    void unknownImplementationIsRejectedNamingTheAllowedOnes() {
        var options = Request.defaults("lab03").with("impl", "magic");
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown implementation 'magic'")
                .hasMessageContaining("atomic");
    }

    @Test
    void aCorrectVariantIsReportedWithNoLostUpdates() throws InterruptedException {
        var options = Request.defaults("lab03").with("impl", "atomic").with("threads", 2).with("increments", 1_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        experiment.prepare(options).printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("2 threads x 1000 increments = 2000 expected")
                .containsPattern("\\| atomic +\\| correct +\\| +2000 \\| +0 \\|");
    }
}
