package labs.support.marbles;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every diagram has a committed picture, {@code docs/marbles/<file>/<scenario>.svg}, drawn from
 * the diagram as it is now, and shown in the diagram's page; no picture is left over from a
 * diagram that is gone.
 *
 * <p>After changing a diagram, regenerate the pictures (this writes instead of comparing, and
 * deletes leftovers): {@value #REGENERATE}
 */
class MarbleSvgTest {

    static final Path PICTURES = Path.of("docs", "marbles");
    static final String WRITE_PROPERTY = "marbles.write";
    static final String REGENERATE = "./mvnw -B -ntp test -Dtest=MarbleSvgTest -Dmarbles.write=true";

    @TestFactory
    Stream<DynamicTest> everyDiagramHasAnUpToDatePicture() throws IOException {
        boolean write = Boolean.getBoolean(WRITE_PROPERTY);
        List<DynamicTest> tests = new ArrayList<>();
        Set<Path> drawn = new HashSet<>();
        for (Path file : MarbleCatalogue.files()) {
            MarbleDocument document = MarbleDocument.read(file);
            for (Scenario scenario : document.scenarios()) {
                Path picture = PICTURES.resolve(MarbleSvg.relativePath(scenario));
                drawn.add(picture);
                String link = "../docs/marbles/" + MarbleSvg.relativePath(scenario);
                tests.add(dynamicTest(scenario.name() + " shows its picture beside the diagram", file.toAbsolutePath().toUri(), () -> {
                    if (!Files.readString(file, StandardCharsets.UTF_8).contains("(" + link + ")")) {
                        throw new AssertionError(file + " does not show the picture of \"" + scenario.name() + "\": add"
                                + " ![" + scenario.name() + "](" + link + ") below its block");
                    }
                }));
                tests.add(dynamicTest(scenario.name() + " has an up-to-date picture", picture.toAbsolutePath().toUri(), () -> {
                    String svg = MarbleSvg.render(scenario);
                    if (write) {
                        Files.createDirectories(picture.getParent());
                        Files.writeString(picture, svg, StandardCharsets.UTF_8);
                        return;
                    }
                    if (!Files.exists(picture)) {
                        throw new AssertionError(picture + " is missing for " + scenario.where() + ". Regenerate: " + REGENERATE);
                    }
                    if (!Files.readString(picture, StandardCharsets.UTF_8).equals(svg)) {
                        throw new AssertionError(picture + " no longer matches " + scenario.where() + " \"" + scenario.name()
                                + "\". Regenerate: " + REGENERATE);
                    }
                }));
            }
        }
        if (Files.isDirectory(PICTURES)) {
            try (Stream<Path> existing = Files.walk(PICTURES)) {
                for (Path picture : existing.filter(p -> p.toString().endsWith(".svg")).sorted().toList()) {
                    if (!drawn.contains(picture)) {
                        tests.add(dynamicTest(picture + " belongs to a diagram", () -> {
                            if (write) {
                                Files.delete(picture);
                                return;
                            }
                            throw new AssertionError(picture + " draws no diagram in marbles/ any more. Regenerate (deletes it): " + REGENERATE);
                        }));
                    }
                }
            }
        }
        return tests.stream();
    }
}
