package labs.level01_independent_execution.lab02_cpu_saturation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labs.support.BadInputException;
import labs.support.Request;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The experiment's promises that need no clock: bad input is one line before anything starts, each
 * cell is sized to the machine, and what it prints after a table is computed from that table (here
 * from rows made by hand, never from measured figures).
 */
class CpuSaturationExperimentTest {

    private static final Request LAB02 = Request.defaults("lab02");

    @Test
    void aChartInAFolderThatDoesNotExistIsRejectedBeforeAnythingStarts(@TempDir Path dir) {
        String file = dir.resolve("missing").resolve("sweep.svg").toString();

        assertThatThrownBy(() -> new CpuSaturationExperiment().prepare(LAB02.with("chart", file)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--chart '" + file + "': the folder " + dir.resolve("missing") + " does not exist");
    }

    @Test
    void aChartThatIsNotAnSvgFileIsRejected(@TempDir Path dir) {
        String file = dir.resolve("sweep.png").toString();

        assertThatThrownBy(() -> new CpuSaturationExperiment().prepare(LAB02.with("chart", file)))
                .isInstanceOf(BadInputException.class).hasMessage("--chart '" + file + "' must name a .svg file");
    }

    @Test
    void aChartOfASweepThatIsSkippedIsRejected(@TempDir Path dir) {
        Request request = LAB02.with("chart", dir.resolve("sweep.svg")).with("inject", "blocking-on-parallel");

        assertThatThrownBy(() -> new CpuSaturationExperiment().prepare(request))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--chart draws the sweep, which --inject blocking-on-parallel skips: drop one of them");
    }

    /**
     * Issue 9: 128 tasks per cell was 8 ms of work per core on 16 cores, and at 512 workers only 128
     * threads ever started. Now every cell, up to 32 x cores workers, has a task for every worker
     * and keeps the threads its work can use busy at least {@code CELL_MILLIS}.
     */
    @ParameterizedTest(name = "{0} cores")
    @ValueSource(ints = {1, 2, 16, 64})
    void everyCellStartsEveryWorkerAndKeepsItsThreadsBusyAtLeastTheCellTime(int cores) {
        List<String> short_ = new ArrayList<>();
        for (CpuSaturationExperiment.Kind kind : List.of(CpuSaturationExperiment.CPU, CpuSaturationExperiment.BLOCKING)) {
            for (int workers : CpuSaturationExperiment.sweep(cores)) {
                int tasks = CpuSaturationExperiment.batchSize(kind, workers, cores);
                int atOnce = kind.needsACore() ? Math.min(workers, cores) : workers;
                double busyMillis = tasks * kind.taskMillis() / atOnce;
                if (tasks < workers || busyMillis < CpuSaturationExperiment.CELL_MILLIS) {
                    short_.add("%s work, %d workers: %d tasks, %.0f ms".formatted(kind.label(), workers, tasks, busyMillis));
                }
            }
        }
        assertThat(short_).as("cells with fewer tasks than workers or shorter than %.0f ms", CpuSaturationExperiment.CELL_MILLIS).isEmpty();
    }

    @Test
    void theBatchGrowsWithTheCoreCount() {
        int previous = 0;
        for (int cores : List.of(1, 2, 4, 16, 64)) {
            int tasks = CpuSaturationExperiment.batchSize(CpuSaturationExperiment.CPU, 32 * cores, cores);
            assertThat(tasks).as("cpu tasks per cell at 32 x %d workers", cores).isGreaterThan(previous);
            previous = tasks;
        }
    }

    @Test
    void theSweepGoesFromOneWorkerToThirtyTwoTimesTheCores() {
        assertThat(CpuSaturationExperiment.sweep(2)).containsExactly(1, 2, 8, 64);
        assertThat(CpuSaturationExperiment.sweep(1)).containsExactly(1, 4, 32);
    }

    // --- what is printed after the tables, from rows made by hand ---

    /** A cell that ran 1000 tasks at {@code perSecond}, each waiting and serving the given times, on {@code threads} threads. */
    private static SweepReading.Row row(String impl, int workers, double perSecond, double waitedMillis, double serviceMillis, int threads) {
        Histogram waited = new Histogram(Measurement.HIGHEST_MICROS, 3);
        Histogram service = new Histogram(Measurement.HIGHEST_MICROS, 3);
        Histogram latency = new Histogram(Measurement.HIGHEST_MICROS, 3);
        waited.recordValueWithCount(Math.round(waitedMillis * 1000), 1000);
        service.recordValueWithCount(Math.round(serviceMillis * 1000), 1000);
        latency.recordValueWithCount(Math.round((waitedMillis + serviceMillis) * 1000), 1000);
        return new SweepReading.Row(impl, workers, new Measurement(1000, 1000 / perSecond, waited, service, latency, threads, 0));
    }

    private static List<SweepReading.Row> cpuRows(double beyondCores) {
        return List.of(
                row("platform", 1, 1000, 0, 1, 1), row("platform", 2, 1900, 0, 1, 2),
                row("platform", 8, 1900 * beyondCores, 0, 4, 8), row("platform", 64, 1850, 0, 32, 64),
                row("reactor-parallel", 1, 990, 0, 1, 1), row("reactor-parallel", 2, 1950, 0, 1, 2),
                row("reactor-parallel", 8, 1940, 3, 1, 2), row("reactor-parallel", 64, 1960, 31, 1, 2));
    }

    @Test
    void theCpuReadingComputesTheGrowthToTheCoreCountAndNamesThePlateau() {
        String reading = SweepReading.cpu(cpuRows(1.0), 2);

        assertThat(reading).contains("from 1 worker to 2 (= cores) throughput grew platform 1.9x, reactor-parallel 2.0x")
                .contains("Past 2 workers it changed by -3% to +1%: no further growth, the plateau is at the core count.");
    }

    @Test
    void theCpuReadingSaysSoWhenThroughputStillGrewPastTheCores() {
        String reading = SweepReading.cpu(cpuRows(1.3), 2);

        assertThat(reading).contains("platform at 8 workers grew more than a plateau allows").doesNotContain("no further growth");
    }

    @Test
    void theCpuReadingSaysWhereEachImplementationsLatencyWent() {
        String reading = SweepReading.cpu(cpuRows(1.0), 2);

        assertThat(reading).contains("platform 1.0 → 32.0 ms (mostly in service, sharing a core)")
                .contains("reactor-parallel 1.0 → 32.0 ms (mostly waiting to start)")
                .contains("more workers bought latency, not throughput");
    }

    @Test
    void theBlockingReadingNamesTheSchedulingsCappedAtOneThreadPerCore() {
        List<SweepReading.Row> rows = List.of(
                row("platform", 1, 480, 0, 2.1, 1), row("platform", 64, 29_000, 0, 2.1, 64),
                row("rxjava-computation", 1, 470, 0, 2.1, 1), row("rxjava-computation", 64, 930, 60, 2.1, 2));

        assertThat(SweepReading.blocking(rows, 2, 2))
                .contains("throughput at 64 workers against 1: platform 60.4x, rxjava-computation 2.0x")
                .contains("rxjava-computation never used more than 2 threads (one per core)")
                .contains("platform on 64 threads")
                .doesNotContain("platform never used");
    }

    @Test
    void aSingleWorkerCountIsReadAsSuchAndNotAsASweep() {
        assertThat(SweepReading.cpu(List.of(row("virtual", 4, 1900, 1, 1, 4)), 2))
                .isEqualTo("This run: one worker count (4); the sweep (run without --workers) shows where throughput stops growing.");
    }
}
