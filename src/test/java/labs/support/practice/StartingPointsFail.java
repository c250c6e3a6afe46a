package labs.support.practice;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The child JVM of {@code ExercisesNeverDriftTest}: started with the compiled starting points ahead
 * of the reference classes on its classpath, it runs each named lab's tests and prints one line per
 * lab, {@code RESULT lab01 tests=75 failed=55}. Staged waits are short here ({@code labs.watch.bound}),
 * and so is the per-test timeout: a starting point is expected to fail, and to fail fast.
 */
public final class StartingPointsFail {

    private StartingPointsFail() {
    }

    /** Arguments: the test-classes folder, then one lab package per argument ({@code labs.level01_….lab01_…}). */
    public static void main(String[] args) throws IOException {
        Path testClasses = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            String labPackage = args[i];
            List<DiscoverySelector> classes = testClassesOf(testClasses, labPackage);
            Events tests = EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(Map.of(
                            "junit.jupiter.execution.timeout.default", "5 s",
                            "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD"))
                    .selectors(classes.toArray(DiscoverySelector[]::new))
                    .execute()
                    .testEvents();
            String lab = labPackage.substring(labPackage.lastIndexOf('.') + 1, labPackage.lastIndexOf('.') + 6);
            System.out.println("RESULT " + lab + " tests=" + tests.finished().count() + " failed=" + tests.failed().count());
        }
        System.out.flush();
        System.exit(0); // whatever a failing starting point left running must not keep this JVM alive
    }

    private static List<DiscoverySelector> testClassesOf(Path testClasses, String labPackage) throws IOException {
        Path folder = testClasses.resolve(labPackage.replace('.', '/'));
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("Test.class") && !n.contains("$"))
                    .sorted()
                    .map(n -> (DiscoverySelector) selectClass(labPackage + "." + n.substring(0, n.length() - ".class".length())))
                    .toList();
        }
    }
}
