package labs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import labs.support.BadInputException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every {@code labs run …} command the docs show still works as written: the CLI reads it and the
 * lab's experiment accepts it (prepared, never started). An option renamed in the code and not in
 * a README or NOTES.md fails here, instead of failing a learner who pastes it. A command shown as
 * bad input ({@code `labs run lab04 --pairs -2` → …}) must still be refused.
 *
 * <p>Placeholders are passed over: {@code LAB}, {@code <scenario>}, {@code …}, {@code [--inject …]},
 * {@code a|b}.
 */
class DocumentedCommandsTest {

    private static final Pattern SPAN = Pattern.compile("`([^`]*)`");
    private static final Pattern COMMAND = Pattern.compile("labs run ([^#]*)");

    /** One {@code labs run} command in one doc, and whether the doc shows it as refused bad input. */
    record Documented(Path page, int line, String arguments, boolean shownAsRefused) {
        List<String> args() {
            return List.of(arguments.strip().split("\\s+"));
        }

        @Override
        public String toString() {
            return page + ":" + line + " labs run " + arguments.strip();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedRunCommandIsAcceptedByTheCli() {
        return documented().stream().map(command -> DynamicTest.dynamicTest(command.toString(), () -> {
            String[] args = command.args().toArray(String[]::new);
            if (command.shownAsRefused()) {
                assertThatThrownBy(() -> RunCommands.prepare(args))
                        .as("%s is shown as bad input, so the CLI must refuse it", command)
                        .isInstanceOfAny(BadInputException.class, CommandLine.ParameterException.class);
            } else {
                try {
                    RunCommands.prepare(args);
                } catch (BadInputException | CommandLine.ParameterException refused) {
                    throw new AssertionError(command + " is refused by the CLI: " + refused.getMessage()
                            + " (fix the doc to the lab's options: labs run LAB --help)", refused);
                }
            }
        }));
    }

    @Test
    void theDocsShowCommandsToCheck() {
        assertThat(documented()).as("labs run commands found in the docs").hasSizeGreaterThan(20);
    }

    @Test
    void aRenamedOptionInADocIsCaught() {
        assertThatThrownBy(() -> RunCommands.prepare("lab04", "--workers", "4"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    private static List<Documented> documented() {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        for (String folder : List.of("docs", "marbles")) {
            try (Stream<Path> walk = Files.walk(Path.of(folder))) {
                walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Documented> found = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines;
            try {
                lines = Files.readAllLines(page);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean inCode = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                if (inCode) {
                    add(found, page, i + 1, line, false);
                    continue;
                }
                Matcher span = SPAN.matcher(line);
                while (span.find()) {
                    boolean refused = line.substring(span.end()).stripLeading().startsWith("→");
                    add(found, page, i + 1, span.group(1), refused);
                }
            }
        }
        return found;
    }

    private static void add(List<Documented> found, Path page, int line, String text, boolean refused) {
        Matcher command = COMMAND.matcher(text);
        if (!command.find()) {
            return;
        }
        String arguments = command.group(1);
        // '&&' or ';' after the command starts another one
        arguments = arguments.split("&&|;")[0];
        if (arguments.isBlank() || Stream.of("LAB", "<", "…", "...", "[", "|").anyMatch(arguments::contains)) {
            return;
        }
        found.add(new Documented(page, line, arguments, refused));
    }
}
