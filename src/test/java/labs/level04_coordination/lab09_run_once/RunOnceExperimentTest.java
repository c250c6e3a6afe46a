package labs.level04_coordination.lab09_run_once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.Request;
import org.junit.jupiter.api.Test;

/**
 * {@code labs run lab09}: bad input is one line and starts nothing; the tour lists every variant
 * once; small real runs print what their rows say. (A live run proves nothing about races: its rows
 * are observations, and these tests check the words against the rows, not luck.)
 */
class RunOnceExperimentTest {

    private final RunOnceExperiment experiment = new RunOnceExperiment();

    private String run(Request request) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        experiment.prepare(request).printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void zeroCallersAreRejectedWithOneLine() {
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab09").with("callers", 0)))
                .isInstanceOf(BadInputException.class).hasMessage("--callers must be a whole number from 1 to 1024 (got 0)");
    }

    @Test
    void aNegativeInitTimeIsRejectedWithOneLine() {
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab09").with("init-ms", -5)))
                .isInstanceOf(BadInputException.class).hasMessage("--init-ms must be a whole number from 0 to 10000 (got -5)");
    }

    @Test
    void anUnknownScenarioIsRejectedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab09").with("inject", "meteor")))
                .isInstanceOf(BadInputException.class).hasMessageNotContaining("\n")
                .hasMessage("unknown scenario 'meteor' for lab09 (--inject); allowed: failure, interrupt, slow, blocking-init");
    }

    /** The CLI offers both lists, each variant once, so --impl takes every name either list has. */
    @Test
    void theTourNamesEveryImplementationAndEveryLessonExactlyOnce() {
        List<String> registered = Stream.concat(RunOnce.IMPLEMENTATIONS.names().stream(), RunOnce.LESSONS.names().stream()).toList();
        assertThat(RunOnceExperiment.TOUR).as("the CLI's variants").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(registered);
        assertThat(experiment.implementations()).extracting(Choice::name).as("--impl names, in the table's order")
                .containsExactlyElementsOf(RunOnceExperiment.TOUR);
        assertThat(experiment.implementations()).filteredOn(c -> c.name().equals("cas")).extracting(Choice::summary)
                .as("what --help says of cas").singleElement().asString().startsWith("lesson, breaks clause 2 (one run):");
    }

    @Test
    void aCorrectVariantIsReportedWithOneRunAndOneValue() throws InterruptedException {
        String out = run(Request.defaults("lab09").with("impl", "double-checked").with("callers", 3).with("init-ms", 1));

        assertThat(out).as("what labs run lab09 printed").contains("3 callers released together; one run blocks 1 ms")
                .containsPattern("\\| double-checked +\\| - +\\| +1 \\| +1 \\| +3 \\| +0 \\|")
                .contains("This run: double-checked ran the initializer once and gave every caller the same value.");
    }

    @Test
    void aKeptFailureIsReportedAsKeptAndARetriedOneAsRetried() throws InterruptedException {
        String kept = run(Request.defaults("lab09").with("impl", "rxjava-cache").with("callers", 2).with("init-ms", 0).with("inject", "failure"));
        String retried = run(Request.defaults("lab09").with("impl", "synchronized").with("callers", 2).with("init-ms", 0).with("inject", "failure"));

        assertThat(kept).as("labs run lab09 --impl rxjava-cache --inject failure")
                .contains("failure kept: the second wave failed too; 1 run(s)")
                .contains("kept for every later caller: rxjava-cache. Retried by the next caller: none.");
        assertThat(retried).as("labs run lab09 --impl synchronized --inject failure")
                .contains("failure retried: the second wave got run 2's value")
                .contains("kept for every later caller: none. Retried by the next caller: synchronized.");
    }

    @Test
    void theInterruptedFirstCallerIsReportedWithWhatBecameOfTheRun() throws InterruptedException {
        String onCaller = run(Request.defaults("lab09").with("impl", "synchronized").with("callers", 3).with("init-ms", 0).with("inject", "interrupt"));
        String onScheduler = run(Request.defaults("lab09").with("impl", "reactor-cache").with("callers", 3).with("init-ms", 0).with("inject", "interrupt"));

        assertThat(onCaller).as("labs run lab09 --impl synchronized --inject interrupt")
                .contains("first caller: InitFailed(InterruptedException); the run was interrupted, 2 run(s) in all");
        assertThat(onScheduler).as("labs run lab09 --impl reactor-cache --inject interrupt")
                .contains("first caller: WaitInterruptedException; the run went on, 1 run(s)");
    }

    @Test
    void aBlockingInitializerOnParallelIsReportedAsBlockHoundsErrorKeptByCache() throws InterruptedException {
        String out = run(Request.defaults("lab09").with("impl", "reactor-cache").with("callers", 2).with("init-ms", 1).with("inject", "blocking-init"));

        assertThat(out).as("labs run lab09 --impl reactor-cache --inject blocking-init")
                .contains("BlockingOperationError (run 1 on parallel-")
                .contains("The Error was kept for the second wave (one run): reactor-cache.");
    }

    @Test
    void theReadingNamesAVariantThatRanTwiceAsAContractBreach() {
        RunOnceExperiment.Observed twice = new RunOnceExperiment.Observed("synchronized", Optional.empty(), 2, 0, 2, 4, 0, 3.0, "2 runs");

        assertThat(RunOnceExperiment.readingOf(List.of(twice), "none", 1)).as("the reading of a row with two runs")
                .contains("CONTRACT BROKEN this run: synchronized ran it more than once or gave out several values.");
    }
}
