package labs.level06_performance.lab16_throughput_vs_latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import labs.support.BadInputException;
import labs.support.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment's promises that need no clock: bad input is one line, before any service or load
 * thread starts ({@code prepare} starts nothing; the leak check would see a thread it did), and what
 * it prints after a table is computed from that table's results (here made by hand, never measured).
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

    private static final ServiceSpec SPEC = ServiceSpec.fixed(4, Duration.ofMillis(1)); // capacity 4000/s

    /**
     * A result made by hand: every latency {@code p99Millis}, {@code answered} answers over one
     * second, W = {@code meanMillis}, and the gauge averaging {@code inFlight}.
     */
    private static LoadResult result(String load, double offered, double p99Millis, double meanMillis, double inFlight) {
        Histogram latencies = new Histogram(Latencies.HIGHEST_NANOS, 3);
        long answered = 1000;
        latencies.recordValueWithCount(Math.round(p99Millis * 1e6), answered);
        long window = 1_000_000_000L;
        return new LoadResult(load, offered, answered, answered, 0, 0, 0, window, Math.round(meanMillis * 1e6) * answered,
                Math.round(inFlight * window), window, 1_000_000, 0, latencies, latencies.copy());
    }

    @Test
    void theKneeIsTheFirstRateWhoseP99PassesFiveTimesTheLightestLoads() {
        List<LoadResult> open = List.of(result("open loop", 1000, 2, 1, 1), result("open loop", 2000, 3, 1, 2),
                result("open loop", 3000, 11, 1, 3), result("open loop", 4200, 40, 1, 4.2));

        assertThat(ThroughputLatencyExperiment.knee(open, SPEC))
                .startsWith("the knee: p99 first passed 5 x its light-load value (2.00 ms) at 3000/s, 75 % of capacity (p99 11.0");
        assertThat(ThroughputLatencyExperiment.knee(open.subList(0, 2), SPEC))
                .isEqualTo("p99 stayed within 5 x its light-load value (2.00 ms) at every rate of this run: no knee seen.");
    }

    @Test
    void littlesLawLineNamesTheWorstRunAndSaysWhetherEveryRunWasWithinFivePercent() {
        LoadResult exact = result("open loop", 1000, 2, 2, 2.0);        // λW = 1000/s × 2 ms = 2
        LoadResult fourOff = result("open loop", 2000, 2, 2, 2.08);     // 2.08 / 2 = 1.04
        LoadResult tenOff = result("closed loop, 4 clients", 3000, 2, 2, 1.8);

        assertThat(ThroughputLatencyExperiment.little(List.of(exact, fourOff)))
                .contains("the worst of 2 runs was 4.0 % off (open loop at 2000/s): within 5 % on every run.");
        assertThat(ThroughputLatencyExperiment.little(List.of(exact, fourOff, tenOff)))
                .contains("the worst of 3 runs was 10.0 % off (closed loop, 4 clients at 3000/s): MORE than 5 % off");
    }
}
