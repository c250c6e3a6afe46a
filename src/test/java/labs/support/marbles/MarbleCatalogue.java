package labs.support.marbles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.commons.support.ReflectionSupport;

/** Where the diagrams and their bindings are: the files in {@code marbles/}, the binding classes on the test classpath. */
public final class MarbleCatalogue {

    /** The folder of diagram files, relative to the project root (Surefire's working directory). */
    public static final Path MARBLES = Path.of("marbles");
    /** The legend, which is documentation, not a diagram file. */
    public static final String LEGEND = "README.md";

    private MarbleCatalogue() {
    }

    /** Every diagram file: {@code marbles/*.md} except the legend, by name. */
    public static List<Path> files() {
        try (Stream<Path> listing = Files.list(MARBLES)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.getFileName().toString().equals(LEGEND))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + MARBLES.toAbsolutePath() + " (tests run from the project root)", e);
        }
    }

    /** Every concrete {@link MarbleBinding} under the {@code labs} package, by class name. */
    public static List<Class<?>> bindingClasses() {
        return ReflectionSupport.findAllClassesInPackage("labs",
                        c -> MarbleBinding.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
                                // Test doubles (anonymous or local classes in the engine's own tests) bind temporary files.
                                && !c.isAnonymousClass() && !c.isLocalClass(),
                        name -> true)
                .stream()
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .toList();
    }

    public static MarbleBinding instantiate(Class<?> type) {
        return (MarbleBinding) ReflectionSupport.newInstance(type);
    }
}
