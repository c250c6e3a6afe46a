package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.Request;
import org.junit.jupiter.api.Test;

class BoundedBufferExperimentTest {

    /** A stall threshold far above any real pause, so "0 stalls" cannot come from a slow machine. */
    private final BoundedBufferExperiment experiment = new BoundedBufferExperiment(Duration.ofSeconds(10));

    private String run(Request request) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        experiment.prepare(request).printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCliOffersTheContractsImplementationsThenTheBrokenVariantsThenTheReactivePipes() {
        assertThat(experiment.implementations()).extracting(Choice::name).containsExactly(
                "lock-conditions", "array-blocking-queue", "unbounded", "signal-instead-of-signalAll", "if-instead-of-while",
                "reactor-publishOn", "rxjava-observeOn");
    }

    @Test
    void negativePairsAreRejectedWithOneLine() {
        var options = Request.defaults("lab04").with("pairs", -2);
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--pairs must be a whole number from 1 to 64 (got -2)");
    }

    @Test
    void anUnknownImplementationIsRejectedNamingTheAllowedOnes() {
        var options = Request.defaults("lab04").with("impl", "ArrayBlockingQueue");
        assertThatThrownBy(() -> experiment.prepare(options))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown implementation 'ArrayBlockingQueue'")
                .hasMessageContaining("array-blocking-queue");
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
        String out = run(Request.defaults("lab04").with("impl", "lock-conditions").with("pairs", 2).with("items", 500));
        Matcher row = Pattern.compile("\\| lock-conditions +\\| 2P/2C +\\| +1000 \\| +[\\d.]+ \\| +(\\d+) \\| +0 \\| none +\\|").matcher(out);
        assertThat(row.find()).as("a row with every item moved, no stall, no damage:%n%s", out).isTrue();
        assertThat(Integer.parseInt(row.group(1))).as("most held, capacity 16").isBetween(0, 16);
        assertThat(out).as("the reading after the table").contains("This run: lock-conditions moved every item exactly once");
    }

    @Test
    void theReactivePipesMoveEveryItemThroughTheLabsCore() throws InterruptedException {
        String out = run(Request.defaults("lab04").with("impl", "reactor-publishOn").with("pairs", 1).with("items", 2000));
        assertThat(out).as("the reactor row").containsPattern("\\| reactor-publishOn +\\| 1P/1C +\\| +2000 \\|");
        assertThat(out).as("the reading after the table").contains("This run: reactor-publishOn moved every item exactly once");
    }

    // The reading is computed from the rows: these feed it rows as a run could produce them.

    private static BoundedBufferExperiment.Observed row(String impl, long mostHeld, int stalls, long nulls, long notDelivered, int stranded) {
        return new BoundedBufferExperiment.Observed(impl, "2P/2C", 1000 - notDelivered, 1.0, mostHeld, stalls, nulls, notDelivered, 0, stranded);
    }

    @Test
    void aSignalRunWithoutAStallSaysWhatTheStallNeedsInsteadOfClaimingOne() {
        String reading = BoundedBufferExperiment.readingOf(List.of(row("signal-instead-of-signalAll", 16, 0, 0, 0, 0)), 2);
        assertThat(reading).contains("0 stalls this run, so at most one consumer was still waiting when close() ran")
                .contains("needs two or more still waiting at close").contains("Try --pairs 8").doesNotContain("stranded");
    }

    @Test
    void aSignalRunWithAStallSaysHowManyConsumersWereStranded() {
        String reading = BoundedBufferExperiment.readingOf(List.of(row("signal-instead-of-signalAll", 16, 1, 0, 0, 3)), 4);
        assertThat(reading).contains("1 stall(s), 3 consumer(s) stranded: still waiting when close() ran");
    }

    @Test
    void anIfRunWithoutDamageSaysSoAndWhatTheBugNeeds() {
        assertThat(BoundedBufferExperiment.readingOf(List.of(row("if-instead-of-while", 16, 0, 0, 0, -1)), 1))
                .contains("no damage this run").contains("one consumer").doesNotContain("negative");
        assertThat(BoundedBufferExperiment.readingOf(List.of(row("if-instead-of-while", 16, 0, 0, 0, -1)), 2))
                .contains("no damage this run").contains("Try --pairs 8");
        assertThat(BoundedBufferExperiment.readingOf(List.of(row("if-instead-of-while", 16, 0, 0, 0, -1)), 8))
                .as("a run that already had 8 pairs is not told to try 8 pairs").doesNotContain("Try --pairs 8").contains("Run it again");
    }

    @Test
    void aSizePastTheCapacityOfACorruptRingIsExplainedAsACountThatNoLongerCounts() {
        String reading = BoundedBufferExperiment.readingOf(List.of(row("if-instead-of-while", 30552, 0, 163550, 163548, -1)), 2);
        assertThat(reading).contains("size() read 30552 in a ring of 16 slots").contains("the count no longer counts items");
    }

    @Test
    void anUnboundedBacklogIsExplainedAsProducersRunningAhead() {
        String reading = BoundedBufferExperiment.readingOf(List.of(row("unbounded", 923, 0, 0, 0, -1)), 2);
        assertThat(reading).contains("unbounded: held up to 923 items at once, 57x the capacity");
    }

    @Test
    void aCorrectImplementationThatBrokeTheContractIsCalledOutNotPraised() {
        String reading = BoundedBufferExperiment.readingOf(List.of(row("lock-conditions", 17, 0, 0, 0, 0)), 2);
        assertThat(reading).contains("lock-conditions: CONTRACT BROKEN this run").doesNotContain("This run: lock-conditions");
    }
}
