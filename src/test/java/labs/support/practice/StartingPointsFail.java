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
 * of the reference classes on its classpath, it runs each named lab's contract tests (all its tests
 * when it has no {@code *ContractTest}) and prints one line per lab, {@code RESULT lab01 tests=75 failed=55}. Staged waits are short here ({@code labs.watch.bound}, half a second),
 * and so is the per-test timeout (1 s): a starting point is expected to fail, and to fail fast.
 */
public final class StartingPointsFail {

    private StartingPointsFail() {
    }

    /** Arguments: the test-classes folder, then one lab package per argument ({@code labs.level01_….lab01_…}). */
    public static void main(String[] args) throws IOException {
        Path testClasses = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            String labPackage = args[i];
            long start = System.nanoTime();
            List<DiscoverySelector> classes = testClassesOf(testClasses, labPackage);
            Events tests = EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(Map.of(
                            // the leak check would give each failing test's stray threads a second to end
                            "junit.jupiter.extensions.autodetection.enabled", "false",
                            "junit.jupiter.execution.timeout.default", "1 s",
                            "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD"))
                    .selectors(classes.toArray(DiscoverySelector[]::new))
                    .execute()
                    .testEvents();
            String lab = labPackage.substring(labPackage.lastIndexOf('.') + 1, labPackage.lastIndexOf('.') + 6);
            System.out.println("RESULT " + lab + " tests=" + tests.finished().count() + " failed=" + tests.failed().count()
                    + " ms=" + (System.nanoTime() - start) / 1_000_000);
        }
        System.out.flush();
        System.exit(0); // whatever a failing starting point left running must not keep this JVM alive
    }

    /** The lab's contract tests (what a starting point must meet first); every test class if it has none. */
    private static List<DiscoverySelector> testClassesOf(Path testClasses, String labPackage) throws IOException {
        Path folder = testClasses.resolve(labPackage.replace('.', '/'));
        List<String> names;
        try (Stream<Path> files = Files.list(folder)) {
            names = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("Test.class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
        List<String> contracts = names.stream().filter(n -> n.endsWith("ContractTest")).toList();
        return (contracts.isEmpty() ? names : contracts).stream()
                .map(n -> (DiscoverySelector) selectClass(labPackage + "." + n))
                .toList();
    }
}
