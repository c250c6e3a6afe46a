package labs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the tags that decide in which JVM a test class runs, read from the sources so a new class
 * cannot forget its tag:
 * <ul>
 *   <li>a class that reads the core count (directly, or through Reactor's core-sized pool constants)
 *       carries {@link DependsOnCoreCount}, so {@code verify} also runs it at 1 and 16 processors
 *       ("no test may assume the core count of the machine it was written on");</li>
 *   <li>a class that runs Lincheck carries {@link RunsLincheck}, so it runs where Lincheck does not
 *       spin away the cores its model checker needs.</li>
 * </ul>
 */
class TagGuardTest {

    private static final Pattern READS_CORES = Pattern.compile(
            "availableProcessors\\(\\)|DEFAULT_POOL_SIZE|DEFAULT_BOUNDED_ELASTIC_SIZE");
    private static final Pattern USES_LINCHECK = Pattern.compile("import org\\.jetbrains\\.lincheck\\.");
    private static final Path TESTS = Path.of("src/test/java");

    @Test
    void everyTestClassThatReadsTheCoreCountRunsAtOneAndSixteenProcessorsToo() throws IOException {
        assertThat(untagged(READS_CORES, DependsOnCoreCount.class))
                .as("test classes that read the core count without @DependsOnCoreCount").isEmpty();
    }

    @Test
    void everyTestClassThatRunsLincheckRunsInTheLincheckExecution() throws IOException {
        assertThat(untagged(USES_LINCHECK, RunsLincheck.class))
                .as("test classes that use Lincheck without @RunsLincheck").isEmpty();
    }

    private static List<String> untagged(Pattern uses, Class<? extends Annotation> tag) throws IOException {
        try (Stream<Path> files = Files.walk(TESTS)) {
            return files.filter(f -> f.toString().endsWith("Test.java") && !f.endsWith("TagGuardTest.java"))
                    .filter(f -> uses.matcher(read(f)).find())
                    .map(TagGuardTest::className)
                    .filter(name -> !tagged(name, tag))
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static String className(Path file) {
        String relative = TESTS.relativize(file).toString();
        return relative.substring(0, relative.length() - ".java".length()).replace('/', '.').replace('\\', '.');
    }

    private static boolean tagged(String className, Class<? extends Annotation> tag) {
        try {
            return Class.forName(className).isAnnotationPresent(tag);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no class " + className + " for its source file", e);
        }
    }
}
