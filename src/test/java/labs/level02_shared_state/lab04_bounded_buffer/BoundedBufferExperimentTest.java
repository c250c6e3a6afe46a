package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import labs.support.BadInputException;
import labs.support.Request;
import org.junit.jupiter.api.Test;

class BoundedBufferExperimentTest {

    /** A stall threshold far above any real pause, so "0 stalls" cannot come from a slow machine. */
    private final BoundedBufferExperiment experiment = new BoundedBufferExperiment(Duration.ofSeconds(10));

    @Test
    void negativeWorkerCountIsRejectedWithOneLine() {
        var options = Request.defaults("lab04").with("pairs", -2);
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--pairs must be a whole number from 1 to 64 (got -2)");
    }

    @Test
    void anInjectedScenarioIsRejectedBecauseTheBugsAreChosenWithImpl() {
        var options = Request.defaults("lab04").with("inject", "deadlock");
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessage("lab04 has no scenario to choose: drop --inject");
    }

    @Test
    void aStallThresholdBelowOneMillisecondIsRejected() {
        assertThatThrownBy(() -> new BoundedBufferExperiment(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReferenceBufferMovesEveryItemWithinItsCapacityAndNoStall() throws InterruptedException {
        var options = Request.defaults("lab04").with("impl", "lock-conditions").with("pairs", 2).with("items", 500);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        experiment.prepare(options).printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        Matcher row = Pattern.compile("\\| lock-conditions +\\| 2P/2C +\\| +1000 \\| +[\\d.]+ \\| +(\\d+) \\| +0 \\| none +\\|")
                .matcher(out);
        assertThat(row.find()).as("a row with every item moved, no stall, no damage:%n%s", out).isTrue();
        assertThat(Integer.parseInt(row.group(1))).as("max occupancy within capacity 16").isBetween(0, 16);
        assertThat(out).contains("capacity 16");
    }
}
