package labs.support.practice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exercises that never drift: every lab's starting point ({@code src/exercises/java}) must compile
 * against the lab as it is today and fail the lab's checks, while the reference passes them — the
 * reference passing is the rest of this very build (the same test classes, run on the reference). A
 * starting point that stopped compiling after a change to the lab, or one that passes because it
 * gives the solution away, fails here.
 *
 * <p>How: the starting points are compiled with javac into a folder of their own; a second JVM puts
 * that folder ahead of the reference classes on its classpath (so each starting point takes the
 * place of the class of the same name) and runs each lab's test classes ({@link StartingPointsFail}).
 */
class ExercisesNeverDriftTest {

    private static final Path EXERCISES = Path.of("src", "exercises", "java");
    private static final Pattern RESULT = Pattern.compile("RESULT (lab\\d\\d) tests=(\\d+) failed=(\\d+)");

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS) // the child JVM runs every lab's tests; it has its own bound below
    void everyStartingPointCompilesAndFailsItsLabsTests(@TempDir Path compiled) throws Exception {
        List<Path> labs = labsWithAStartingPoint();
        assertThat(labs).as("labs with a starting point under " + EXERCISES).isNotEmpty();

        compile(labs, compiled);
        Map<String, long[]> results = runTheLabsTestsAgainst(compiled, labs);

        for (Path lab : labs) {
            String id = lab.getFileName().toString().substring(0, 5);
            assertThat(results).as("%s's tests ran against its starting point", id).containsKey(id);
            long[] r = results.get(id);
            assertThat(r[0]).as("%s: tests run", id).isPositive();
            assertThat(r[1]).as("%s: tests its starting point fails (it must not pass them: it would give the solution away)", id)
                    .isPositive();
        }
    }

    private static List<Path> labsWithAStartingPoint() throws IOException {
        try (Stream<Path> folders = Files.walk(EXERCISES.resolve("labs"), 2)) {
            return folders.filter(f -> f.getFileName().toString().matches("lab\\d\\d_.*") && Files.isDirectory(f)).sorted().toList();
        }
    }

    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static void compile(List<Path> labs, Path into) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler (the build runs on one)").isNotNull();
        List<File> sources = new ArrayList<>();
        for (Path lab : labs) {
            try (Stream<Path> files = Files.walk(lab)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toFile()));
            }
        }
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(diagnostics, files, null,
                    List.of("-d", into.toString(), "-cp", testClassPath(), "-proc:none", "--release", "21", "-Xlint:none"),
                    null, files.getJavaFileObjectsFromFiles(sources)).call();
            assertThat(ok).as("the starting points compile against the labs as they are:\n" + diagnostics).isTrue();
        }
    }

    private static Map<String, long[]> runTheLabsTestsAgainst(Path compiled, List<Path> labs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+AllowRedefinitionToAddDeleteMethods", "-XX:+EnableDynamicAgentLoading", "-XX:TieredStopAtLevel=1",
                "-Dlabs.watch.bound=PT0.5S", "-cp", compiled + File.pathSeparator + testClassPath(),
                StartingPointsFail.class.getName(), Path.of("target", "test-classes").toString()));
        for (Path lab : labs) {
            command.add(EXERCISES.relativize(lab).toString().replace(File.separatorChar, '.'));
        }
        Path log = compiled.resolve("run.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(150, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the starting points' run did not end within 150 s:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        Map<String, long[]> results = new LinkedHashMap<>();
        Matcher m = RESULT.matcher(output);
        while (m.find()) {
            results.put(m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        assertThat(results).as("what the run printed:\n" + output).isNotEmpty();
        return results;
    }
}
