package labs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the rule "no test may assume the core count of the machine it was written on": every test
 * class that reads the core count (directly, or through Reactor's core-sized pool constants) carries
 * {@link DependsOnCoreCount}, so {@code verify} also runs it at 1 and at 16 reported processors.
 */
class CoreCountGuardTest {

    private static final Pattern READS_CORES = Pattern.compile(
            "availableProcessors\\(\\)|DEFAULT_POOL_SIZE|DEFAULT_BOUNDED_ELASTIC_SIZE");
    private static final Path TESTS = Path.of("src/test/java");

    @Test
    void everyTestClassThatReadsTheCoreCountRunsAtOneAndSixteenProcessorsToo() throws IOException {
        List<String> untagged;
        try (Stream<Path> files = Files.walk(TESTS)) {
            untagged = files.filter(f -> f.toString().endsWith("Test.java"))
                    .filter(CoreCountGuardTest::readsTheCoreCount)
                    .map(CoreCountGuardTest::className)
                    .filter(name -> !tagged(name))
                    .toList();
        }
        assertThat(untagged).as("test classes that read the core count without @DependsOnCoreCount").isEmpty();
    }

    private static boolean readsTheCoreCount(Path file) {
        try {
            return !file.endsWith("CoreCountGuardTest.java") && READS_CORES.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static String className(Path file) {
        String relative = TESTS.relativize(file).toString();
        return relative.substring(0, relative.length() - ".java".length()).replace('/', '.').replace('\\', '.');
    }

    private static boolean tagged(String className) {
        try {
            return Class.forName(className).isAnnotationPresent(DependsOnCoreCount.class);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no class " + className + " for its source file", e);
        }
    }
}
