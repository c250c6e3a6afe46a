package labs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import labs.support.BadInputException;

/**
 * {@code labs check LAB} and {@code labs predict LAB}: they run the project's own build
 * ({@code ./mvnw -q test -Dlabs.check=LAB}, the Maven profile {@code check}; or
 * {@code -Dlabs.predict=LAB}, the profile {@code predict}), keep Maven's output in a log under
 * {@code target/}, and print the report the tests wrote: by property, with hints. The tests are not
 * in the CLI's jar, so the build is what runs them — the very same tests {@code verify} runs.
 */
final class MavenCheck {

    /** Runs a command in {@code home}, its output going to {@code log}; returns the exit status. */
    interface Runner {
        int run(Path home, List<String> command, Path log) throws IOException, InterruptedException;
    }

    static final Runner PROCESS = (home, command, log) -> new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start()
            .waitFor();

    enum Kind {
        CHECK("labs.check", "practice-report-"),
        PREDICT("labs.predict", "prediction-report-");

        final String property;
        final String reportPrefix;

        Kind(String property, String reportPrefix) {
            this.property = property;
            this.reportPrefix = reportPrefix;
        }
    }

    private MavenCheck() {
    }

    /** The project clone the CLI belongs to: the launcher says where; else the working directory. */
    static Path home() {
        Path home = Path.of(System.getProperty("labs.home", "")).toAbsolutePath().normalize();
        if (!Files.exists(home.resolve("pom.xml")) || !Files.exists(home.resolve("mvnw"))) {
            throw new BadInputException("practising works in a clone of the project, and " + home
                    + " is not one (no pom.xml and mvnw there): run target/labs from the clone");
        }
        return home;
    }

    static List<String> command(Kind kind, String lab) {
        return List.of("./mvnw", "-q", "-B", "-ntp", "test", "-D" + kind.property + "=" + lab);
    }

    /** Runs the check, prints its report; 0 when every property holds, 1 otherwise. */
    static int run(Kind kind, Path home, Lab lab, Runner runner, PrintStream out) throws IOException, InterruptedException {
        Path target = home.resolve("target");
        Files.createDirectories(target);
        Path report = target.resolve(kind.reportPrefix + lab.id() + ".txt");
        Path log = target.resolve("labs-" + kind.name().toLowerCase() + "-" + lab.id() + ".log");
        Files.deleteIfExists(report); // a report from an earlier run must never pass for this one's
        List<String> command = command(kind, lab.id());
        out.println("Running " + String.join(" ", command) + "   (Maven's output: " + home.relativize(log) + ")");
        out.flush();
        int status = runner.run(home, command, log);
        if (!Files.exists(report)) {
            out.println();
            out.println("The build stopped before the tests ran (exit " + status + "). What it said:");
            errorLines(log).forEach(line -> out.println("  " + line));
            return 1;
        }
        String text = Files.readString(report);
        out.print(text);
        return text.contains(" failing, ") || text.contains("not predicted yet") ? 1 : 0;
    }

    /** Maven's error lines (a compile error in the learner's code, as a rule), or the end of the log. */
    private static List<String> errorLines(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            List<String> errors = lines.stream().filter(l -> l.startsWith("[ERROR]") && !l.contains("-> [Help")
                    && !l.contains("To see the full stack trace") && !l.contains("Re-run Maven") && !l.contains("For more information")
                    && !l.contains("[Help 1]") && !l.strip().equals("[ERROR]")).limit(30).toList();
            return errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 30), lines.size()) : errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
