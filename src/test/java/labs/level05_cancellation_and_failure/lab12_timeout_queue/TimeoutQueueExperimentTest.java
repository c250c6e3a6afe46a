package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.Request;
import org.junit.jupiter.api.Test;

class TimeoutQueueExperimentTest {

    private final TimeoutQueueExperiment experiment = new TimeoutQueueExperiment();

    private String run(Request request) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        experiment.prepare(request).printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCliOffersTheContractsImplementationsThenTheBrokenOne() {
        assertThat(experiment.implementations()).extracting(Choice::name)
                .containsExactly("lock-conditions", "linked-blocking-queue", "reactor", "rxjava", "dropping");
    }

    @Test
    void aTimeToLiveOfZeroIsRefusedWithOneLineBeforeAnythingStarts() {
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab12").with("ttl", 0)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--ttl must be a whole number from 1 to 60000 (got 0)");
    }

    @Test
    void anUnknownScenarioIsRefusedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab12").with("inject", "chaos")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("unknown scenario 'chaos' for lab12 (--inject); allowed: slow-consumer, stalled-consumer, short-polls");
    }

    @Test
    void theReferenceQueueAccountsForEveryItemInALiveRun() throws InterruptedException {
        String out = run(Request.defaults("lab12").with("impl", "lock-conditions").with("items", 200));

        assertThat(out).as("the row: 200 offered, none lost, none twice, its ledger adding up:%n%s", out)
                .containsPattern("\\| lock-conditions +\\| +200 \\| +\\d+ \\| +\\d+ \\| +\\d+ \\| +0 \\| +0 \\| +\\d+ \\| adds up +\\|");
        assertThat(out).as("the reading after the table").contains("This run: every item ended exactly one way in every queue");
    }

    // The reading is computed from the rows: these feed it rows as a run could produce them.

    private static TimeoutQueueExperiment.Observed row(String impl, int delivered, int expired, int refused, int lost, int twice, boolean addsUp) {
        return new TimeoutQueueExperiment.Observed(impl, delivered + expired + refused + lost, delivered, expired, refused, lost, twice, 3, addsUp, 10);
    }

    @Test
    void aDroppingRunThatLostItemsIsCalledOutWithTheCount() {
        String reading = TimeoutQueueExperiment.readingOf(List.of(row("lock-conditions", 50, 40, 10, 0, 0, true),
                row("dropping", 50, 0, 10, 40, 0, false)), "slow-consumer");
        assertThat(reading).contains("did NOT end exactly one way in dropping (40 lost, 0 twice, its own counts do not add up)")
                .contains("'dropping' skipped 40 stale items")
                .contains("A slow consumer: 40 items expired waiting for it, and 10 offers were refused");
    }

    @Test
    void aDroppingRunThatLostNothingSaysWhatTheLossNeeds() {
        String reading = TimeoutQueueExperiment.readingOf(List.of(row("dropping", 100, 0, 0, 0, 0, true)), "none");
        assertThat(reading).contains("'dropping' lost nothing this run").contains("Try --inject slow-consumer");
    }

    @Test
    void aDroppingRunAloneIsNotReadAsNothingExpired() {
        String reading = TimeoutQueueExperiment.readingOf(List.of(row("dropping", 40, 0, 10, 50, 0, false)), "slow-consumer");
        assertThat(reading).contains("'dropping' skipped 50 stale items").doesNotContain("A slow consumer: 0 items expired");
    }

    @Test
    void anItemReportedTwiceIsAContractBreakEvenInAReferenceQueue() {
        String reading = TimeoutQueueExperiment.readingOf(List.of(row("reactor", 100, 1, 0, 0, 1, true)), "short-polls");
        assertThat(reading).contains("did NOT end exactly one way in reactor (0 lost, 1 twice)").doesNotContain("This run: every item");
    }
}
