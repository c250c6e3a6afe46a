package labs.level06_performance.lab14_lock_contention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import labs.support.BadInputException;
import labs.support.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The experiment's promises that need no clock: bad input is one line before anything starts, the
 * sweep reaches past the cores, what it prints after a table is computed from that table, and the
 * chart is drawn from the rows — all from rows and JFR samples made by hand, never from measured
 * figures. (A real sweep records JFR, whose threads outlive any test: only the CLI runs it.)
 */
class LockContentionExperimentTest {

    private static final Request LAB14 = Request.defaults("lab14");
    private final LockContentionExperiment experiment = new LockContentionExperiment();

    // --- bad input: one line, before anything starts ---

    @ParameterizedTest
    @CsvSource({
            "threads, 0, '--threads must be a whole number from 1 to 1024 (got 0)'",
            "threads, -4, '--threads must be a whole number from 1 to 1024 (got -4)'",
            "millis, 0, '--millis must be a whole number from 10 to 60000 (got 0)'",
            "millis, -100, '--millis must be a whole number from 10 to 60000 (got -100)'",
            "impl, magic, 'unknown implementation ''magic'' for lab14 (--impl); allowed: synchronized, reentrant-unfair, reentrant-fair, stamped, atomic, adder, striped, reactor-lane, rxjava-lane'",
            "inject, meltdown, 'unknown scenario ''meltdown'' for lab14 (--inject); allowed: collapse, false-sharing, handoff'"})
    void badInputIsOneLineNamingWhatIsAllowed(String option, String value, String message) {
        assertThatThrownBy(() -> experiment.prepare(LAB14.with(option, value)))
                .isInstanceOf(BadInputException.class).hasMessage(message);
    }

    @Test
    void aSweepOptionWithAScenarioThatHasNoSweepIsRejected() {
        assertThatThrownBy(() -> experiment.prepare(LAB14.with("inject", "handoff").with("threads", 4)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--threads belongs to the thread sweep, which --inject handoff replaces (it runs every hand-off, one producer and one consumer): drop one of them");
        assertThatThrownBy(() -> experiment.prepare(LAB14.with("inject", "false-sharing").with("impl", "atomic")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--impl belongs to the thread sweep, which --inject false-sharing replaces (it runs two writers): drop one of them");
        assertThatThrownBy(() -> experiment.prepare(LAB14.with("inject", "handoff").with("millis", 50)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--millis sets how long a cell runs; --inject handoff hands over a fixed 2000000 items: drop one of them");
    }

    @Test
    void aChartOfAScenarioWithoutASweepIsRejected(@TempDir Path dir) {
        String file = dir.resolve("sweep.svg").toString();
        assertThatThrownBy(() -> experiment.prepare(LAB14.with("inject", "false-sharing").with("chart", file)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--chart belongs to the thread sweep, which --inject false-sharing replaces (it runs two writers): drop one of them");
    }

    @Test
    void aChartInAFolderThatDoesNotExistIsRejected(@TempDir Path dir) {
        String file = dir.resolve("missing").resolve("sweep.svg").toString();
        assertThatThrownBy(() -> experiment.prepare(LAB14.with("chart", file)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--chart '" + file + "': the folder " + dir.resolve("missing") + " does not exist");
    }

    // --- the sweep ---

    @Test
    void theSweepDoublesFromOneThreadToPastTheCores() {
        assertThat(LockContentionExperiment.sweep(2, 2)).containsExactly(1, 2, 4);
        assertThat(LockContentionExperiment.sweep(16, 2)).containsExactly(1, 2, 4, 8, 16, 32);
        assertThat(LockContentionExperiment.sweep(1, 2)).containsExactly(1, 2);
        assertThat(LockContentionExperiment.sweep(3, 2)).containsExactly(1, 2, 4, 8);
        assertThat(LockContentionExperiment.sweep(2, 8)).containsExactly(1, 2, 4, 8, 16);
    }

    @Test
    void theCollapseScenarioDefaultsToTheLocksItIsAbout() {
        assertThat(LockContentionExperiment.COLLAPSE_DEFAULTS).allSatisfy(name -> ContendedCount.IMPLEMENTATIONS.named(name));
    }

    // --- what is printed after the tables, from rows made by hand ---

    private static ContentionReading.Row row(String impl, int threads, double perMicrosecond) {
        long counted = Math.round(perMicrosecond * 100_000); // 100 ms
        return new ContentionReading.Row(impl, threads, new Tally(counted, counted, Duration.ofMillis(100)));
    }

    private static List<ContentionReading.Row> sweepRows() {
        List<ContentionReading.Row> rows = new ArrayList<>();
        double[][] perImpl = {{40, 35, 3}, {30, 55, 80}, {8, 8.5, 7.9}};
        String[] names = {"reentrant-fair", "adder", "reactor-lane"};
        int[] threads = {1, 2, 4};
        for (int i = 0; i < names.length; i++) {
            for (int t = 0; t < threads.length; t++) {
                rows.add(row(names[i], threads[t], perImpl[i][t]));
            }
        }
        return rows;
    }

    @Test
    void theReadingNamesWhatCollapsedWhatGrewAndWhatHeldLevel() {
        String reading = ContentionReading.sweep(sweepRows(), 2);

        assertThat(reading)
                .contains("This run: every cell counted exactly what its writers added.")
                .contains("Grew from 1 to 2 threads (= cores): adder 1.8x.")
                .contains("Collapsed — at 4 threads under 50% of their own peak: reentrant-fair 40 ops/µs at 1 → 3.00 ops/µs at 4 threads (-93%)")
                .contains("Neither grew 1.5x nor collapsed: reactor-lane.")
                .contains("At 4 threads (more than the 2 cores): fastest adder 80 ops/µs, slowest reentrant-fair 3.00 ops/µs, 27x apart.");
    }

    @Test
    void aCellThatCountedOtherThanItsWritersAddedIsCalledOut() {
        List<ContentionReading.Row> rows = new ArrayList<>(sweepRows());
        rows.add(new ContentionReading.Row("mine", 1, new Tally(990, 1000, Duration.ofMillis(1))));
        rows.add(new ContentionReading.Row("mine", 2, new Tally(1000, 1000, Duration.ofMillis(1))));
        rows.add(new ContentionReading.Row("mine", 4, new Tally(1000, 1000, Duration.ofMillis(1))));

        assertThat(ContentionReading.sweep(rows, 2)).startsWith("CONTRACT BROKEN this run: counted and added differ for mine at 1 threads (10).");
    }

    @Test
    void aSingleThreadCountIsReadAsSuchAndNotAsASweep() {
        assertThat(ContentionReading.sweep(List.of(row("atomic", 4, 50)), 2))
                .endsWith("One thread count (4); the sweep (run without --threads) shows how each implementation scales.");
    }

    @Test
    void aJfrRunThatCountedNothingIsSaidSoAndNotRankedAsNeverWaiting() {
        List<ContentionReading.ProfiledRow> rows = List.of(new ContentionReading.ProfiledRow("reentrant-fair", 16,
                new Tally(0, 0, Duration.ofMillis(100)), new ContentionProfile.Profile(0, Duration.ZERO, 15, Duration.ofSeconds(3))));

        assertThat(ContentionReading.profile(rows)).isEqualTo("Counted nothing in its JFR run (no rate to give): reentrant-fair.");
    }

    @Test
    void theProfileReadingRanksWaitsPerIncrementAndNamesTheOnesThatNeverWaited() {
        Tally tally = new Tally(100_000, 100_000, Duration.ofMillis(100));
        List<ContentionReading.ProfiledRow> rows = List.of(
                new ContentionReading.ProfiledRow("reentrant-fair", 4, tally, new ContentionProfile.Profile(0, Duration.ZERO, 90_000, Duration.ofMillis(300))),
                new ContentionReading.ProfiledRow("synchronized", 4, tally, new ContentionProfile.Profile(500, Duration.ofMillis(20), 0, Duration.ZERO)),
                new ContentionReading.ProfiledRow("adder", 4, tally, new ContentionProfile.Profile(0, Duration.ZERO, 0, Duration.ZERO)));

        assertThat(ContentionReading.profile(rows))
                .contains("Waits per 1000 increments (monitor waits + parks): reentrant-fair 900.00, synchronized 5.00.")
                .contains("Most: reentrant-fair, parked 90000 times for 300.0 ms in all")
                .contains("Never waited: adder");
    }

    @Test
    void theFalseSharingReadingComputesWhatThePaddingBought() {
        TwoWriters.Outcome adjacent = new TwoWriters.Outcome(1_000_000, 1_000_000, 1_000_000, 1_000_000, Duration.ofMillis(100));
        TwoWriters.Outcome padded = new TwoWriters.Outcome(5_000_000, 5_000_000, 5_000_000, 5_000_000, Duration.ofMillis(100));

        assertThat(ContentionReading.falseSharing(adjacent, padded, 2))
                .contains("This run: each count held exactly what its one writer added")
                .contains("Padded 100 ops/µs, adjacent 20 ops/µs: padded 5.0x.")
                .contains("only the distance between the two fields changed");
        assertThat(ContentionReading.falseSharing(adjacent, padded, 1)).contains("false sharing needs two cores");
        assertThat(ContentionReading.falseSharing(adjacent, adjacent, 2)).contains("The padding bought less than 1.5x this run");
    }

    @Test
    void theHandoffReadingComparesEachWithTheBlockingQueueAndCountsItsParks() {
        List<ContentionReading.HandoffRow> rows = List.of(
                new ContentionReading.HandoffRow("array-blocking-queue", new Transfer(2_000_000, Duration.ofMillis(500)),
                        new ContentionProfile.Profile(0, Duration.ZERO, 12_000, Duration.ofMillis(200))),
                new ContentionReading.HandoffRow("spsc-ring", new Transfer(2_000_000, Duration.ofMillis(100)),
                        new ContentionProfile.Profile(0, Duration.ZERO, 0, Duration.ZERO)));

        assertThat(ContentionReading.handoff(rows))
                .contains("Against array-blocking-queue (4.0 M items/s): spsc-ring 5.0x.")
                .contains("Parks (a second run, under JFR): array-blocking-queue 12000, spsc-ring 0.")
                .contains("12000 parks for 2000000 items");
    }

    // --- JFR: only the lab's threads, only the two events ---

    private static final String LOCK = "java.util.concurrent.locks.ReentrantLock$FairSync";

    @Test
    void theProfileCountsOnlyTheLabsThreadsAndTheTwoWaitEventsAndNotTheWaitForTheStart() {
        List<ContentionProfile.Sample> samples = List.of(
                new ContentionProfile.Sample(ContentionProfile.THREAD_PARK, "lab14-writers-3-writer-1", Duration.ofMillis(2), LOCK),
                new ContentionProfile.Sample(ContentionProfile.THREAD_PARK, "lab14-writers-3-writer-2", Duration.ofMillis(3), LOCK),
                new ContentionProfile.Sample(ContentionProfile.MONITOR_ENTER, "lab14-writers-3-writer-1", Duration.ofMillis(7), null),
                new ContentionProfile.Sample(ContentionProfile.THREAD_PARK, "lab14-writers-3-writer-2", Duration.ofMillis(50), ContentionProfile.START_GATE),
                new ContentionProfile.Sample(ContentionProfile.THREAD_PARK, "main", Duration.ofMillis(100), LOCK),
                new ContentionProfile.Sample(ContentionProfile.THREAD_PARK, null, Duration.ofMillis(100), LOCK),
                new ContentionProfile.Sample("jdk.GarbageCollection", "lab14-writers-3-writer-1", Duration.ofMillis(100), null));

        ContentionProfile.Profile profile = ContentionProfile.of(samples, RunThreads.PREFIX);

        assertThat(profile).isEqualTo(new ContentionProfile.Profile(1, Duration.ofMillis(7), 2, Duration.ofMillis(5)));
        assertThat(profile.waitsPerThousand(3_000)).as("waits per 1000 of 3000 increments").isEqualTo(1.0);
    }

    // --- the chart, from the rows made by hand ---

    @Test
    void theChartIsDrawnFromTheRowsWithTheMachineAndTheCommand(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sweep.svg");

        LockContentionExperiment.writeChart(file, sweepRows(), "labs run lab14 --millis 100");

        String svg = Files.readString(file);
        assertThat(svg).contains("<svg").contains("lab14 lock contention")
                .contains("throughput: increments per µs").contains("throughput relative to 1 thread")
                .contains("reentrant-fair").contains("adder").contains("reactor-lane")
                .contains("labs run lab14 --millis 100").contains(" cores, JDK ");
    }
}
