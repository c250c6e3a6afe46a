package labs.level06_performance.lab15_bounded_pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code labs run lab15}: what it offers, bad input refused in one line before anything starts, and
 * small runs that print their tables and readings. No figure is checked here: a real-time run's
 * numbers belong to NOTES.md, with their machine.
 */
class BoundedPoolExperimentTest {

    private final BoundedPoolExperiment experiment = new BoundedPoolExperiment();

    private static Request lab15() {
        return Request.defaults("lab15");
    }

    private String run(Request request) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        experiment.prepare(request).printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void itOffersBothRegistriesAndAScenarioForEachFailureTheme() {
        List<String> both = new ArrayList<>(BoundedWorkers.IMPLEMENTATIONS.names());
        both.addAll(ConnectionPool.IMPLEMENTATIONS.names());
        assertThat(experiment.implementations()).extracting(Choice::name).as("--impl choices").containsExactlyElementsOf(both);
        assertThat(experiment.scenarios()).extracting(Choice::name).as("--inject choices")
                .containsExactly("queue-buildup", "rejection-storm", "pool-exhaustion", "leaked-resource", "cancelled-acquirer");
    }

    @Test
    void aWorkersImplementationWithAPoolScenarioIsRefusedInOneLine() {
        assertThatThrownBy(() -> experiment.prepare(lab15().with("impl", "tpe-abort").with("inject", "pool-exhaustion")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--inject pool-exhaustion exercises the pools, and --impl tpe-abort is a workers implementation: drop one");
    }

    @Test
    void aSettingForThePartARunSkipsIsRefusedInOneLine() {
        assertThatThrownBy(() -> experiment.prepare(lab15().with("inject", "queue-buildup").with("pool-size", 3)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--pool-size sets the pools, which this run skips (--inject queue-buildup): drop one");
        assertThatThrownBy(() -> experiment.prepare(lab15().with("impl", "reactor-pool").with("workers", 3)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--workers sets the workers, which this run skips (--impl reactor-pool): drop one");
    }

    @Test
    void outOfRangeSettingsAreRefusedNamingTheRange() {
        assertThatThrownBy(() -> experiment.prepare(lab15().with("workers", 0))).isInstanceOf(BadInputException.class)
                .hasMessage("--workers must be a whole number from 1 to 256 (got 0)");
        assertThatThrownBy(() -> experiment.prepare(lab15().with("max-pending", -1))).isInstanceOf(BadInputException.class)
                .hasMessage("--max-pending must be a whole number from 0 to 10000 (got -1)");
        assertThatThrownBy(() -> experiment.prepare(lab15().with("timeout", 0))).isInstanceOf(BadInputException.class)
                .hasMessage("--timeout must be a whole number from 1 to 60000 (got 0)");
    }

    @Test
    void aSmallRejectionStormPrintsEveryWorkersVariantAndItsReadingAndDrawsTheChart(@TempDir Path dir) throws InterruptedException, Exception {
        Path chart = dir.resolve("storm.svg");

        String out = run(lab15().with("inject", "rejection-storm").with("jobs", 12).with("workers", 2).with("capacity", 2)
                .with("chart", chart.toString()));

        assertThat(out).contains("arrivals: all at once", "| tpe-abort ", "| rxjava-flatmap ", "| tpe-discard ", "| tpe-discard-oldest ",
                "This run: a burst of 12 jobs at once.", "Chart: " + chart).doesNotContain("CONTRACT BROKEN");
        assertThat(Files.readString(chart)).contains("<svg", "jobs waiting inside the pool", "labs run lab15 --inject rejection-storm");
    }

    @Test
    void aSmallPoolSizingRunPrintsLittlesEstimateBesideTheMeasurement() throws InterruptedException {
        String out = run(lab15().with("impl", "semaphore-pool").with("clients", 12).with("pool-size", 3));

        assertThat(out).contains("Little's law: L = λ·h = 400/s x 10 ms = 4.0", "| semaphore-pool |    3 |",
                "This run: mean connections in use at the largest size tried: semaphore-pool");
    }

    @Test
    void aSmallCancelledAcquirerRunEndsEveryClientAndReportsWhatIsStillLent() throws InterruptedException {
        String out = run(lab15().with("inject", "cancelled-acquirer").with("clients", 12).with("pool-size", 2));

        assertThat(out).contains("| semaphore-pool (interrupted) ", "| reactor-pool withConnection (cancelled) ",
                "| flatMap-then-release (cancelled) ", "gave up");
    }
}
