package labs.level04_coordination.lab08_barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.Request;
import org.junit.jupiter.api.Test;

/**
 * {@code labs run lab08}: bad input is one line and starts nothing; a small real run prints what
 * it observed; the reading after the table is computed from the rows (checked on rows made up to
 * break the contract, so a reading that always says "fine" cannot pass).
 */
class BarrierExperimentTest {

    private final BarrierExperiment experiment = new BarrierExperiment();

    private static Request lab08() {
        return Request.defaults("lab08");
    }

    @Test
    void badNumbersAreRejectedInOneLineNamingWhatIsAllowed() {
        assertThatThrownBy(() -> experiment.prepare(lab08().with("parties", 0))).isInstanceOf(BadInputException.class)
                .hasMessage("--parties must be a whole number from 1 to 256 (got 0)");
        assertThatThrownBy(() -> experiment.prepare(lab08().with("phases", -1))).isInstanceOf(BadInputException.class)
                .hasMessage("--phases must be a whole number from 1 to 10000 (got -1)");
        assertThatThrownBy(() -> experiment.prepare(lab08().with("timeout-ms", 0))).isInstanceOf(BadInputException.class)
                .hasMessage("--timeout-ms must be a whole number from 1 to 60000 (got 0)");
    }

    @Test
    void aScenarioThatCannotHappenWithTheseSettingsIsRejectedBeforeAnythingRuns() {
        assertThatThrownBy(() -> experiment.prepare(lab08().with("inject", "failure").with("parties", 1))).isInstanceOf(BadInputException.class)
                .hasMessage("--inject failure needs --parties >= 2 (got 1): one party has nobody to wait for");
        assertThatThrownBy(() -> experiment.prepare(lab08().with("inject", "never-arrives").with("phases", 2))).isInstanceOf(BadInputException.class)
                .hasMessage("--inject never-arrives needs --phases >= 3 (got 2): it strikes in phase 1");
        assertThatThrownBy(() -> experiment.prepare(lab08().with("inject", "leave").with("impl", "cyclic-virtual"))).isInstanceOf(BadInputException.class)
                .hasMessage("--inject leave needs a Phaser (--impl phaser-platform or phaser-virtual): cyclic-virtual has a fixed party count");
        assertThatThrownBy(() -> experiment.prepare(lab08().with("inject", "chaos"))).isInstanceOf(BadInputException.class)
                .hasMessage("unknown scenario 'chaos' for lab08 (--inject); allowed: slow-party, never-arrives, failure, leave");
    }

    @Test
    void everyImplementationOfTheRegistryIsOfferedAndEveryScenarioHasALine() {
        assertThat(experiment.implementations()).extracting(Choice::name).as("--impl names")
                .containsExactlyElementsOf(Barrier.IMPLEMENTATIONS.names());
        assertThat(experiment.scenarios()).extracting(Choice::name).as("--inject names")
                .containsExactly("slow-party", "never-arrives", "failure", "leave");
    }

    @Test
    void aRunPrintsEachPhaseAndTheReadingOfWhatItSaw() throws InterruptedException {
        String out = run(lab08().with("impl", "phaser-virtual").with("parties", 2).with("phases", 3).with("timeout-ms", 10_000));
        assertThat(out).as("what labs run lab08 printed").contains("2 parties x 3 phases", "scenario: none")
                .containsPattern("\\| phaser-virtual +\\| +3 \\|.*\\| all 3 phases +\\| - +\\|")
                .contains("This run: mean phase from");
    }

    @Test
    void aPartyThatLeavesAPhaserIsShownByTheValuesOfTheLaterPhases() throws InterruptedException {
        String out = run(lab08().with("impl", "phaser-platform").with("inject", "leave").with("parties", 3).with("phases", 4).with("timeout-ms", 10_000));
        assertThat(out).as("what labs run lab08 --inject leave printed")
                .contains("This run: phaser-platform 4 phases, values per phase 3 x2, then 2 x2.");
    }

    @Test
    void aFailureIsReportedWithHowTheOthersLearnedOfIt() throws InterruptedException {
        String out = run(lab08().with("impl", "reactor").with("inject", "failure").with("parties", 2).with("phases", 3).with("timeout-ms", 10_000));
        assertThat(out).as("what labs run lab08 --inject failure printed")
                .contains("party 1 failed in phase 1: java.lang.IllegalStateException: injected failure", "cancellation (no exception)")
                .contains("This run: every implementation reported party 1's failure in phase 1 and started no later phase");
    }

    /** A row as a run would make it. */
    private static BarrierExperiment.Observed row(String impl, Optional<Throwable> failure, double mean) {
        return new BarrierExperiment.Observed(impl, failure.isPresent() ? 1 : 20, mean, mean, failure.map(Throwable::getMessage).orElse("all 20 phases"),
                failure.isPresent() ? "cancellation (no exception)" : "-", failure, 5, List.of());
    }

    @Test
    void aBarrierThatWaitedForEverIsCalledOutNotPraised() {
        PhaseTimeoutException broke = new PhaseTimeoutException(1, List.of(3), Duration.ofMillis(200));
        String reading = BarrierExperiment.readingOf(List.of(row("good", Optional.of(broke), 1), row("hung", Optional.empty(), 1)),
                "never-arrives", 4, 2, Duration.ofMillis(200));
        assertThat(reading).as("the reading when one implementation never broke the phase").startsWith("CONTRACT BROKEN this run: no phase timeout from hung");
    }

    @Test
    void aFailureNobodyReportedIsCalledOutNotPraised() {
        String reading = BarrierExperiment.readingOf(List.of(row("silent", Optional.empty(), 1)), "failure", 4, 2, Duration.ofMillis(200));
        assertThat(reading).as("the reading when a failure was not reported").startsWith("CONTRACT BROKEN this run: party 1's failure NOT reported by silent");
    }

    @Test
    void aRunThatBrokeWithNothingInjectedIsNamedWithWhatToDo() {
        PhaseTimeoutException broke = new PhaseTimeoutException(4, List.of(0), Duration.ofMillis(50));
        String reading = BarrierExperiment.readingOf(List.of(row("slow", Optional.of(broke), 1), row("fine", Optional.empty(), 3)), "none", 4, 2, Duration.ofMillis(50));
        assertThat(reading).as("the reading of a loaded run").contains("from 3.0 ms (fine) to 3.0 ms (fine)")
                .contains("Broke with nothing injected: slow — a phase took longer than the timeout; on a loaded machine, raise --timeout-ms.");
    }

    private String run(Request request) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        experiment.prepare(request).printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
