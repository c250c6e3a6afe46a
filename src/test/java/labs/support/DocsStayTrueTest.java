package labs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Docs that cannot drift from the code: what a page can claim by hand and a run can contradict is
 * either computed or checked here.
 * <ul>
 *   <li>Every test a lab's FAILURE.md names as proof exists in that lab's tests.</li>
 *   <li>No README or FAILURE.md keeps a test count by hand ("(28 tests)"): counts are what Surefire
 *       prints. (NOTES.md records dated runs, with their counts, as observations.)</li>
 *   <li>A lab's README reads in five minutes: spec first, the depth in DESIGN, FAILURE and NOTES.</li>
 * </ul>
 */
class DocsStayTrueTest {

    private static final Path LAB_DOCS = Path.of("docs/labs");
    private static final Path TEST_CLASSES = Path.of("target/test-classes");
    /** About five minutes at 200 words a minute, with room for the tables. */
    static final int README_WORDS = 900;
    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern TEST_REFERENCE = Pattern.compile("(?:([A-Z]\\w*)\\.)?([a-z][a-z0-9]*[A-Z]\\w*)");
    private static final Pattern HAND_KEPT_COUNT = Pattern.compile("\\b\\d+ tests\\b|\\(\\d+ tests?[,;)]");

    static List<Path> labFolders() throws IOException {
        try (Stream<Path> levels = Files.list(LAB_DOCS)) {
            return levels.flatMap(level -> {
                try {
                    return Files.list(level).filter(Files::isDirectory).toList().stream();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).sorted().toList();
        }
    }

    @Test
    void everyTestAFailureTableNamesExistsInThatLabsTests() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path lab : labFolders()) {
            Path failure = lab.resolve("FAILURE.md");
            if (!Files.exists(failure)) {
                continue;
            }
            Set<String> methods = testMethodsOf(lab);
            for (String line : Files.readAllLines(failure)) {
                if (!line.startsWith("|") || line.startsWith("|--") || line.startsWith("|---")) {
                    continue;
                }
                String[] cells = line.split("\\|");
                String provenBy = cells[cells.length - 1].isBlank() && cells.length > 1 ? cells[cells.length - 2] : cells[cells.length - 1];
                Matcher ticked = TICKED.matcher(provenBy);
                while (ticked.find()) {
                    Matcher reference = TEST_REFERENCE.matcher(ticked.group(1).strip());
                    if (reference.matches() && !methods.contains(reference.group(2))
                            && !(reference.group(1) != null && methods.contains(reference.group(1) + "." + reference.group(2)))) {
                        missing.add(lab.getFileName() + ": " + ticked.group(1));
                    }
                }
            }
        }
        assertThat(missing).as("tests named in FAILURE.md that no test class of the lab has").isEmpty();
    }

    @Test
    void noReadmeOrFailureTableKeepsATestCountByHand() throws IOException {
        List<String> counts = new ArrayList<>();
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("marbles/README.md")));
        for (Path lab : labFolders()) {
            pages.add(lab.resolve("README.md"));
            pages.add(lab.resolve("FAILURE.md"));
        }
        for (Path page : pages) {
            if (!Files.exists(page)) {
                continue;
            }
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                if (HAND_KEPT_COUNT.matcher(lines.get(i)).find()) {
                    counts.add(page + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(counts).as("hand-kept test counts (Surefire prints the real ones)").isEmpty();
    }

    @Test
    void everyLabReadmeReadsInFiveMinutes() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (Path lab : labFolders()) {
            Path readme = lab.resolve("README.md");
            if (Files.exists(readme)) {
                long words = Arrays.stream(Files.readString(readme).split("\\s+")).filter(w -> !w.isBlank()).count();
                if (words > README_WORDS) {
                    long_.add(readme + ": " + words + " words");
                }
            }
        }
        assertThat(long_).as("lab READMEs over " + README_WORDS + " words: move the depth to DESIGN, FAILURE or NOTES").isEmpty();
    }

    /** Methods ("name" and "Class.name") of the compiled test classes in the lab's package. */
    private static Set<String> testMethodsOf(Path labDocs) throws IOException {
        Path level = labDocs.getParent().getFileName();
        Path packageDir = TEST_CLASSES.resolve("labs").resolve(level.toString()).resolve(labDocs.getFileName().toString());
        if (!Files.isDirectory(packageDir)) {
            return Set.of();
        }
        String packageName = "labs." + level + "." + labDocs.getFileName();
        try (Stream<Path> classes = Files.list(packageDir)) {
            return classes.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> packageName + "." + n.substring(0, n.length() - ".class".length()))
                    .flatMap(DocsStayTrueTest::methodsOf)
                    .collect(Collectors.toSet());
        }
    }

    private static Stream<String> methodsOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, DocsStayTrueTest.class.getClassLoader());
            String simple = type.getSimpleName();
            return Arrays.stream(type.getDeclaredMethods()).map(Method::getName)
                    .flatMap(m -> Stream.of(m, simple + "." + m, simple));
        } catch (ClassNotFoundException | LinkageError e) {
            return Stream.empty();
        }
    }
}
