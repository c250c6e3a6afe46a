package labs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI's promises: one line and exit 2 for bad input, tables for good input, nothing left running. */
class LabsCliTest {

    private record Result(int exit, String out, String err) {
    }

    private static Result labs(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Labs.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "labs {0}")
    @CsvSource(delimiter = '|', value = {
            "run lab99                 | labs: unknown lab 'lab99'; allowed: lab01 … lab16 (implemented: {implemented})",
            "run lab01 --impl nope     | labs: unknown implementation 'nope' for lab01 (--impl); allowed: platform, virtual, reactor, rxjava",
            "run lab01 --workers -3    | labs: --workers must be a whole number from 1 to 10000 (got -3)",
            "run lab01 --tasks 0       | labs: --tasks must be a whole number from 1 to 10000 (got 0)",
            "run lab01 --workers many  | labs: --workers must be a whole number from 1 to 10000 (got 'many')",
            "run lab01 --inject chaos  | labs: unknown scenario 'chaos' for lab01 (--inject); allowed: straggler, hog, oversubscription, failure",
            "run lab01 --impl          | labs: Missing required parameter for option '--impl' (NAME) (see 'labs run lab01 --help')",
            "run lab01 extra           | labs: lab01 takes no argument 'extra' (see 'labs run lab01 --help')",
            "run lab02 --impl virtual --workers 0 | labs: --workers must be a whole number from 1 to 4096 (got 0)",
            "run lab02 --chart /no/such/dir/x.svg | labs: --chart '/no/such/dir/x.svg': the folder /no/such/dir does not exist",
            "run lab02 --chart x.png   | labs: --chart 'x.png' must name a .svg file",
            "run lab03 --threads -1    | labs: --threads must be a whole number from 1 to 256 (got -1)",
            "run lab03 --workers 2     | labs: lab03 has no option '--workers'; its options: --impl, --threads, --increments (see 'labs run lab03 --help')",
            "run lab03 --impl magic    | labs: unknown implementation 'magic' for lab03 (--impl); allowed: racy, volatile, synchronized, lock, atomic, adder, reactor-tryEmitNext, reactor-single-writer, rxjava-unserialized, rxjava-toSerialized",
            "run lab04 --pairs -2      | labs: --pairs must be a whole number from 1 to 64 (got -2)",
            "run lab04 --inject stall  | labs: lab04 has no option '--inject'; its options: --impl, --pairs, --items (see 'labs run lab04 --help')",
            "run lab05 --workers 0     | labs: --workers must be a whole number from 1 to 1000 (got 0)",
            "run lab05 --inject chaos  | labs: unknown scenario 'chaos' for lab05 (--inject); allowed: slow-worker, failing-job, immediate",
            "run lab06 --impl nope     | labs: unknown implementation 'nope' for lab06 (--impl); allowed: platform, virtual, reactor, rxjava",
            "run lab06 --tasks 3       | labs: lab06 has no option '--tasks'; its options: --impl, --inject, --branches (see 'labs run lab06 --help')",
            "run lab07 --items -1      | labs: --items must be a whole number from 1 to 1000000 (got -1)",
            "run lab07 --workers=4     | labs: lab07 has no option '--workers'; its options: --impl, --inject, --buffer, --items (see 'labs run lab07 --help')",
            "run lab07 --inject chaos  | labs: unknown scenario 'chaos' for lab07 (--inject); allowed: slow-stage, cancel, mid-stage-error",
            "frobnicate                | labs: unknown command 'frobnicate'; allowed: list, run, tour, practice, check, predict, help (see 'labs --help')",
            "run                       | labs: labs run needs a lab: lab01 … lab16 (implemented: {implemented}; 'labs run --help' lists each one's options)"})
    void badInputPrintsOneLineNamingWhatIsAllowedAndExitsTwo(String args, String expected) {
        Result result = labs(args.trim().split("\\s+"));

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).isEqualTo(expected.replace("{implemented}", String.join(", ", Catalogue.implementedIds()))
                + System.lineSeparator());
        assertThat(result.out()).as("nothing starts, nothing is printed").isEmpty();
    }

    @Test
    void aPlannedLabIsOneLineAndExitTwoNamingWhatIsImplemented() {
        List<Lab> planned = Catalogue.LABS.stream().filter(lab -> !lab.implemented()).toList();
        assumeFalse(planned.isEmpty(), "every lab is implemented: there is no planned lab to ask for");
        for (Lab lab : planned) {
            Result result = labs("run", lab.id());
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("labs: " + lab.id() + " (" + lab.title() + ") is planned, not implemented yet; implemented: "
                    + String.join(", ", Catalogue.implementedIds()) + System.lineSeparator());
        }
    }

    /** Help is computed from the catalogue: every implemented lab's implementations, scenarios and options. */
    @ParameterizedTest(name = "labs {0}")
    @ValueSource(strings = {"run --help", "help run"})
    void runHelpListsEveryLabsImplementationsScenariosAndOptions(String args) {
        Result result = labs(args.split(" "));

        assertThat(result.exit()).isZero();
        assertThat(result.err()).isEmpty();
        for (Lab lab : Catalogue.LABS) {
            assertThat(result.out()).contains(lab.id() + "  " + lab.title());
            lab.newExperiment().ifPresent(experiment -> {
                experiment.implementations().forEach(c -> assertThat(result.out()).as(lab.id() + " --impl").contains(c.name()));
                experiment.scenarios().forEach(c -> assertThat(result.out()).as(lab.id() + " --inject").contains(c.name()));
                experiment.settings().forEach(setting -> assertThat(result.out()).as(lab.id() + " options").contains(setting.option()));
            });
        }
    }

    @Test
    void aLabsHelpDescribesEachOptionImplementationAndScenario() {
        Result result = labs("run", "lab06", "--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .contains("Usage: labs run lab06", "--branches=N", "how many branches one request fans out to")
                .contains("Implementations (--impl", "Failure scenarios (--inject", "failing-branch")
                .doesNotContain("--workers", "--tasks");
        for (var impl : new labs.level03_message_passing.lab06_fan_out_fan_in.FanOutExperiment().implementations()) {
            assertThat(result.out()).contains(impl.name());
        }
    }

    @Test
    void listShowsAllSixteenLabsWithTheirStatus() {
        Result result = labs("list");

        assertThat(result.exit()).isZero();
        assertThat(result.out().lines().filter(l -> l.matches("\\| lab\\d\\d .*"))).hasSize(16);
        assertThat(result.out()).contains("| lab01 | 01 independent_execution", "| lab16 |");
        for (Lab lab : Catalogue.LABS) {
            assertThat(result.out()).as("the row of " + lab.id()).containsPattern("\\| " + lab.id() + " \\|[^\\n]*\\| " + lab.status() + " ");
        }
    }

    /** The README's curriculum table is hand-written prose: it must say what the catalogue says. */
    @Test
    void theReadmesCurriculumTableMatchesTheCatalogue() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Lab lab : Catalogue.LABS) {
            assertThat(readme).as("README row of " + lab.id())
                    .containsPattern("\\| " + lab.id() + " \\|[^\\n]*\\| " + lab.status() + " \\|");
        }
    }

    @Test
    void runPrintsTheLabsObservationTable() {
        Result result = labs("run", "lab01", "--impl", "virtual", "--tasks", "3", "--workers", "2");

        assertThat(result.exit()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("== lab01 Parallel Workers", "| impl ", "| virtual ", "all 3 exactly once");
    }

    @Test
    void runReportsAnInjectedFailureInsteadOfCrashing() {
        Result result = labs("run", "lab01", "--impl", "platform", "--inject", "failure", "--tasks", "6", "--workers", "1");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("reported: task 3 failed; 4 started, 2 never started");
    }

    @Test
    void theLauncherRunsTheCliOnTheJdkThatBuiltIt(@TempDir Path dir) throws Exception {
        Path launcher = dir.resolve("labs");
        WriteLauncher.main(new String[] {launcher.toString(), "-XX:+AllowRedefinitionToAddDeleteMethods"});

        String script = Files.readString(launcher);
        assertThat(script).startsWith("#!/bin/sh")
                .contains(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .contains("-XX:+AllowRedefinitionToAddDeleteMethods")
                .contains("labs.cli.Labs \"$@\"");
        assertThat(Files.isExecutable(launcher)).isTrue();
    }
}
