package labs.support.marbles;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every diagram in {@code marbles/} is a test: each scenario runs on Reactor and on RxJava, with
 * unbounded demand, requesting one item at a time, and cancelled at each frame (on one library only
 * when the binding says the behaviour is that library's alone). A scenario with no
 * binding, a binding with no scenario, and a malformed diagram each fail a test named for them.
 *
 * <p>Run just these: {@code ./mvnw -B -ntp test -Dtest=MarbleDiagramsTest}.
 */
class MarbleDiagramsTest {

    @TestFactory
    Stream<DynamicNode> everyDiagramRunsOnReactorAndRxJava() {
        Map<String, List<MarbleBinding>> bindingsByFile = new LinkedHashMap<>();
        for (Class<?> type : MarbleCatalogue.bindingClasses()) {
            MarbleBinding binding = MarbleCatalogue.instantiate(type);
            bindingsByFile.computeIfAbsent(binding.file(), f -> new ArrayList<>()).add(binding);
        }
        List<DynamicNode> nodes = new ArrayList<>();
        List<String> files = new ArrayList<>();
        // Under `labs check LAB`, only that lab's diagrams: they run against the learner's code.
        String checked = System.getProperty("labs.check", "");
        for (Path path : MarbleCatalogue.files()) {
            String file = path.getFileName().toString();
            if (!checked.isBlank() && !file.startsWith(checked + "_")) {
                continue;
            }
            files.add(file);
            nodes.add(file(path, bindingsByFile.getOrDefault(file, List.of())));
        }
        bindingsByFile.forEach((file, bindings) -> {
            if (!files.contains(file) && checked.isBlank()) {
                bindings.forEach(b -> nodes.add(dynamicTest(b.getClass().getSimpleName() + " binds " + file + ", which does not exist",
                        () -> fail(b.getClass().getName() + " binds marbles/" + file + ", which does not exist:"
                                + " add the diagrams or delete the binding"))));
            }
        });
        return nodes.stream();
    }

    static DynamicNode file(Path path, List<MarbleBinding> bindings) {
        String file = path.getFileName().toString();
        URI uri = path.toAbsolutePath().toUri();
        MarbleDocument document;
        try {
            document = MarbleDocument.read(path);
        } catch (MarbleSyntaxException e) {
            return dynamicTest(file + " is a well-formed diagram file", uri, () -> {
                throw e;
            });
        }
        if (bindings.isEmpty()) {
            return dynamicTest(file + " has a binding", uri, () -> fail("marbles/" + file + " has no binding: add a class implementing "
                    + MarbleBinding.class.getName() + " with file() = \"" + file + "\" beside the lab's tests"));
        }
        if (bindings.size() > 1) {
            return dynamicTest(file + " has one binding", uri, () -> fail("marbles/" + file + " is bound by "
                    + bindings.stream().map(b -> b.getClass().getName()).toList() + ": keep one"));
        }
        MarbleBinding binding = bindings.get(0);
        Bindings bound = new Bindings(binding.getClass().getName());
        binding.bind(bound);

        List<DynamicNode> scenarios = new ArrayList<>();
        for (Scenario scenario : document.scenarios()) {
            URI at = URI.create(uri + "?line=" + scenario.position().line());
            Pipelines pipelines = bound.byScenario().get(scenario.name());
            if (pipelines == null) {
                scenarios.add(dynamicTest(scenario.name() + " has a binding", at, () -> fail(scenario.where() + ": scenario \""
                        + scenario.name() + "\" has no binding in " + binding.getClass().getName())));
                continue;
            }
            scenarios.add(dynamicContainer(scenario.name(), at, Stream.of(Engine.values()).filter(pipelines::runsOn).flatMap(engine -> Stream.of(
                    dynamicTest(scenario.name() + " [" + engine + ", unbounded demand]", at,
                            () -> MarbleRunner.check(scenario, engine, pipelines, MarbleRunner.Mode.UNBOUNDED)),
                    dynamicTest(scenario.name() + " [" + engine + ", requesting one at a time]", at,
                            () -> MarbleRunner.check(scenario, engine, pipelines, MarbleRunner.Mode.ONE_BY_ONE)),
                    dynamicTest(scenario.name() + " [" + engine + ", cancelled at each frame]", at,
                            () -> MarbleRunner.checkCancellationAtEachFrame(scenario, engine, pipelines))))));
        }
        for (String name : bound.byScenario().keySet()) {
            if (document.scenarios().stream().noneMatch(s -> s.name().equals(name))) {
                scenarios.add(dynamicTest(name + " has a diagram", uri, () -> fail(binding.getClass().getName() + " binds scenario \""
                        + name + "\", which marbles/" + file + " does not draw (names must match exactly)")));
            }
        }
        return dynamicContainer(file, uri, scenarios.stream());
    }

    private static void fail(String message) {
        throw new AssertionError(message);
    }
}
