package labs.level06_performance.lab16_throughput_vs_latency;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import labs.support.BadInputException;
import labs.support.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment's promises that need no clock: bad input is one line, before any service or load
 * thread starts ({@code prepare} starts nothing; the leak check would see a thread it did).
 */
class ThroughputLatencyExperimentTest {

    private static final Request LAB16 = Request.defaults("lab16");

    private static void refused(Request request, String message) {
        assertThatThrownBy(() -> new ThroughputLatencyExperiment().prepare(request)).isInstanceOf(BadInputException.class).hasMessage(message);
    }

    @Test
    void zeroWorkersIsRefusedNamingTheRange() {
        refused(LAB16.with("workers", 0), "--workers must be a whole number from 1 to 256 (got 0)");
    }

    @Test
    void aZeroOrNegativeRateIsRefusedNamingTheRange() {
        refused(LAB16.with("rate", 0), "--rate must be a whole number from 1 to 1000000 (got 0)");
        refused(LAB16.with("rate", -5), "--rate must be a whole number from 1 to 1000000 (got -5)");
    }

    @Test
    void aZeroBatchTimeoutIsRefused() {
        refused(LAB16.with("batch-timeout-us", 0), "--batch-timeout-us must be a whole number from 1 to 10000000 (got 0)");
    }

    @Test
    void aRequestThatCostsNothingIsRefused() {
        refused(LAB16.with("request-us", 0).with("batch-us", 0), "--request-us and --batch-us are both 0: a request must cost some time");
    }

    @Test
    void aStallNeedsThreeSecondsOfLoad() {
        refused(LAB16.with("inject", "stall").with("seconds", 2),
                "--inject stall needs --seconds >= 3 (a second before the stall, the stall, a second after; got 2)");
    }

    @Test
    void aChartOfASweepThatAScenarioOrOneRateReplacesIsRefused(@TempDir Path dir) {
        refused(LAB16.with("chart", dir.resolve("curve.svg")).with("inject", "overload"),
                "--chart draws the sweep, which --inject overload replaces: drop one of them");
        refused(LAB16.with("chart", dir.resolve("curve.svg")).with("rate", 100), "--chart draws the sweep, which --rate replaces: drop one of them");
    }

    @Test
    void anUnknownScenarioNamesTheAllowedOnes() {
        refused(LAB16.with("inject", "gc"), "unknown scenario 'gc' for lab16 (--inject); allowed: stall, overload");
    }
}
