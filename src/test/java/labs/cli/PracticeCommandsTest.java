package labs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code labs practice}, {@code labs check} and {@code labs predict}, against a throwaway copy of what
 * a clone holds (the build they start is replaced by a recorder: the real round trip — starting
 * point red, reference green — is {@code ExercisesNeverDriftTest}'s and the README's).
 */
class PracticeCommandsTest {

    private record Result(int exit, String out, String err) {
    }

    @TempDir
    Path home;
    private final List<List<String>> ran = new ArrayList<>();
    private String previousHome;
    private MavenCheck.Runner previousRunner;

    @BeforeEach
    void aCloneWithLab01sExercise() throws IOException {
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Files.writeString(home.resolve("mvnw"), "#!/bin/sh\n");
        Path exercise = home.resolve(Practice.EXERCISES).resolve("labs/level01_independent_execution/lab01_parallel_workers");
        Files.createDirectories(exercise);
        Files.writeString(exercise.resolve("ReactorWorkers.java"), "// starting point\n");
        Files.createDirectories(home.resolve("marbles"));
        Files.writeString(home.resolve("marbles/lab01_parallel_workers.md"), """
                # lab01
                ```marble
                scenario: not an exercise
                tasks:    (a|)
                output:   ----(a|)
                ```
                ```marble
                scenario: an exercise
                exercise: easy; predict output, started
                hint:     think
                tasks:    (ab|)
                started:  (ab)
                output:   ----a-(b|)
                output one-by-one: ----a-(b|)
                tasks subs: ^---!
                ```
                """);
        previousHome = System.getProperty("labs.home");
        System.setProperty("labs.home", home.toString());
        previousRunner = Labs.runner;
    }

    @AfterEach
    void restore() {
        if (previousHome == null) {
            System.clearProperty("labs.home");
        } else {
            System.setProperty("labs.home", previousHome);
        }
        Labs.runner = previousRunner;
    }

    private static Result labs(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Labs.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void practiceCopiesTheStartingPointAndBlanksOnlyWhatTheExercisePredicts() throws IOException {
        Result result = labs("practice", "lab01");

        assertThat(result.exit()).isZero();
        assertThat(home.resolve("src/practice/java/labs/level01_independent_execution/lab01_parallel_workers/ReactorWorkers.java"))
                .hasContent("// starting point");
        String page = Files.readString(home.resolve("src/practice/marbles/lab01_parallel_workers.md"));
        assertThat(page).contains("scenario: an exercise", "output:   ?", "started:  ?", "tasks:    (ab|)", "hint:     think")
                .as("what would give the answer away").doesNotContain("----a-(b|)", "subs", "one-by-one")
                .as("diagrams that are not exercises").doesNotContain("not an exercise");
        assertThat(result.out()).contains("target/labs check lab01", "target/labs predict lab01");
    }

    @Test
    void practiceNeverOverwritesYourWorkWithoutForce() throws IOException {
        labs("practice", "lab01");
        Path yours = home.resolve("src/practice/java/labs/level01_independent_execution/lab01_parallel_workers/ReactorWorkers.java");
        Files.writeString(yours, "// my work");

        Result again = labs("practice", "lab01");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already exists (your work)", "--force");
        assertThat(yours).hasContent("// my work");

        assertThat(labs("practice", "lab01", "--force").exit()).isZero();
        assertThat(yours).hasContent("// starting point");
    }

    @Test
    void aLabWithoutAnExerciseOrOutsideACloneIsOneLineAndExitTwo() {
        assertThat(labs("practice", "lab03").err()).startsWith("labs: lab03 has no exercise yet; labs with one: lab01");
        Catalogue.LABS.stream().filter(lab -> !lab.implemented()).findFirst().ifPresent(planned ->
                assertThat(labs("practice", planned.id()).err()).startsWith("labs: " + planned.id() + " (" + planned.title() + ") is planned"));
        assertThat(labs("check", "lab99").err()).startsWith("labs: unknown lab 'lab99'");
        System.setProperty("labs.home", home.resolve("nowhere").toString());
        Result outside = labs("practice", "lab01");
        assertThat(outside.exit()).isEqualTo(2);
        assertThat(outside.err()).contains("is not one (no pom.xml and mvnw there)");
    }

    @Test
    void checkRunsTheLabsTestsThroughTheBuildAndPrintsTheirReportWithItsVerdictAsExitStatus() {
        Labs.runner = (dir, command, log) -> {
            ran.add(command);
            Files.writeString(dir.resolve("target/practice-report-lab01.txt"), "\n== lab01 …\n  3 failing, 2 passing.\n");
            return 0;
        };

        Result result = labs("check", "lab01");

        assertThat(ran).containsExactly(List.of("./mvnw", "-q", "-B", "-ntp", "test", "-Dlabs.check=lab01"));
        assertThat(result.out()).contains("3 failing");
        assertThat(result.exit()).as("red is exit 1").isEqualTo(1);
    }

    @Test
    void aBuildThatStopsBeforeTheTestsShowsMavensErrorsNotAStaleReport() throws IOException {
        Files.createDirectories(home.resolve("target"));
        Files.writeString(home.resolve("target/practice-report-lab01.txt"), "All 9 properties hold. (an old run)");
        Labs.runner = (dir, command, log) -> {
            Files.writeString(log, "[INFO] x\n[ERROR] /src/practice/java/…/ReactorWorkers.java:[12,5] ';' expected\n[ERROR] -> [Help 1]\n");
            return 1;
        };

        Result result = labs("check", "lab01");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("stopped before the tests ran", "';' expected").doesNotContain("an old run", "[Help 1]");
    }

    @Test
    void predictRunsThePredictionsThroughTheBuild() {
        Labs.runner = (dir, command, log) -> {
            ran.add(command);
            Files.writeString(dir.resolve("target/prediction-report-lab01.txt"), "  All 3 predictions are right.\n");
            return 0;
        };

        Result result = labs("predict", "lab01");

        assertThat(ran).containsExactly(List.of("./mvnw", "-q", "-B", "-ntp", "test", "-Dlabs.predict=lab01"));
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("All 3 predictions are right.");
    }
}
