package labs.support.marbles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/** The catalogue's promises: diagrams and bindings match one to one, and a malformed file fails its own named test. */
class MarbleBindingCheckTest {

    private static final String DIAGRAMS = """
            ```marble
            scenario: echo
            source: -a|
            output: -a|
            ```

            ```marble
            scenario: unbound
            source: -a|
            output: -a|
            ```
            """;

    @TempDir
    Path dir;

    @Test
    void aScenarioWithoutBindingAndABindingWithoutScenarioEachFailANamedTest() throws IOException {
        Path file = Files.writeString(dir.resolve("lab99_example.md"), DIAGRAMS);
        MarbleBinding binding = example(bindings -> {
            bindings.bind("echo", run -> run.flux("source"), run -> run.flowable("source"));
            bindings.bind("ghost", run -> Flux.empty(), run -> io.reactivex.rxjava3.core.Flowable.empty());
        });

        Map<String, String> outcomes = execute(MarbleDiagramsTest.file(file, List.of(binding)));

        assertThat(outcomes).containsEntry("echo [reactor, unbounded demand]", "passed")
                .containsEntry("echo [rxjava, cancelled at each frame]", "passed");
        assertThat(outcomes.get("unbound has a binding")).startsWith(file + ":8: scenario \"unbound\" has no binding");
        assertThat(outcomes.get("ghost has a diagram")).contains("binds scenario \"ghost\", which marbles/lab99_example.md does not draw");
    }

    @Test
    void aBindingNamesItsFileWithTheAnnotation() {
        @MarbleFile("lab99_example.md")
        class Annotated implements MarbleBinding {
            @Override
            public void bind(Bindings bindings) {
            }
        }

        assertThat(new Annotated().file()).isEqualTo("lab99_example.md");
    }

    @Test
    void aBindingThatNamesNoFileFailsSayingHowToNameIt() {
        class Unnamed implements MarbleBinding {
            @Override
            public void bind(Bindings bindings) {
            }
        }

        assertThatThrownBy(() -> new Unnamed().file())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Unnamed.class.getName() + " names no diagram file")
                .hasMessageContaining("@MarbleFile(\"labNN_name.md\")");
    }

    @Test
    void bindEachBindsEveryScenarioToTheSameCodeAndRefusesOneTwice() {
        Pipelines.Reactor reactor = run -> run.flux("source");
        Pipelines.RxJava rxjava = run -> run.flowable("source");

        Map<String, Pipelines> bound = new Bindings("Example").bindEach(List.of("first", "second"), reactor, rxjava).byScenario();

        assertThat(bound).containsOnlyKeys("first", "second");
        assertThat(bound.values()).allSatisfy(pipelines -> {
            assertThat(pipelines.reactor()).isSameAs(reactor);
            assertThat(pipelines.rxjava()).isSameAs(rxjava);
        });
        assertThatThrownBy(() -> new Bindings("Example").bindEach(List.of("first", "first"), reactor, rxjava))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Example binds scenario \"first\" twice");
    }

    @Test
    void aScenarioBoundToOneLibraryRunsOnThatLibraryOnly() throws IOException {
        Path file = Files.writeString(dir.resolve("lab99_example.md"), DIAGRAMS);
        MarbleBinding binding = example(bindings -> {
            bindings.bindReactorOnly("echo", run -> run.flux("source"));
            bindings.bindRxJavaOnly("unbound", run -> run.flowable("source").skip(1));
        });

        Map<String, String> outcomes = execute(MarbleDiagramsTest.file(file, List.of(binding)));

        assertThat(outcomes.keySet()).containsExactlyInAnyOrder(
                "echo [reactor, unbounded demand]", "echo [reactor, requesting one at a time]", "echo [reactor, cancelled at each frame]",
                "unbound [rxjava, unbounded demand]", "unbound [rxjava, requesting one at a time]", "unbound [rxjava, cancelled at each frame]");
        assertThat(outcomes).containsEntry("echo [reactor, unbounded demand]", "passed");
        assertThat(outcomes.get("unbound [rxjava, unbounded demand]")).contains("\"unbound\" on rxjava, unbounded demand: output differs");
    }

    @Test
    void aFileWithoutBindingFails() throws IOException {
        Path file = Files.writeString(dir.resolve("lab99_example.md"), DIAGRAMS);

        Map<String, String> outcomes = execute(MarbleDiagramsTest.file(file, List.of()));

        assertThat(outcomes.get("lab99_example.md has a binding")).startsWith("marbles/lab99_example.md has no binding");
    }

    @Test
    void aMalformedFileFailsWithOneLineNamingFileLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("lab99_example.md"), DIAGRAMS.replace("source: -a|\noutput: -a|\n```\n\n```marble\nscenario: unbound",
                "source: -a(|\noutput: -a|\n```\n\n```marble\nscenario: unbound"));

        Map<String, String> outcomes = execute(MarbleDiagramsTest.file(file, List.of()));

        assertThat(outcomes).containsExactly(Map.entry("lab99_example.md is a well-formed diagram file",
                file + ":3:11: group '(' is never closed"));
    }

    /** Runs every dynamic test under {@code node}: display name to "passed" or the failure message. */
    private static Map<String, String> execute(DynamicNode node) {
        Map<String, String> outcomes = new TreeMap<>();
        List<DynamicNode> pending = new ArrayList<>(List.of(node));
        while (!pending.isEmpty()) {
            DynamicNode next = pending.remove(0);
            if (next instanceof DynamicContainer container) {
                container.getChildren().forEach(pending::add);
            } else if (next instanceof DynamicTest test) {
                try {
                    test.getExecutable().execute();
                    outcomes.put(test.getDisplayName(), "passed");
                } catch (Throwable failure) {
                    outcomes.put(test.getDisplayName(), failure.getMessage());
                }
            }
        }
        return outcomes;
    }

    /** A binding of the example file: only what it binds differs from test to test. */
    private static MarbleBinding example(java.util.function.Consumer<Bindings> bind) {
        return new MarbleBinding() {
            @Override
            public String file() {
                return "lab99_example.md";
            }

            @Override
            public void bind(Bindings bindings) {
                bind.accept(bindings);
            }
        };
    }
}
