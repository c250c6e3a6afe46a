package labs.support.marbles;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks a learner's predictions: {@code labs predict LAB} runs this with {@code -Dlabs.predict=LAB}.
 * {@code labs practice LAB} wrote {@code src/practice/marbles/<the lab's file>.md}, the lab's exercise
 * diagrams with the predicted lines left as {@code ?}; the learner fills them in. Each filled-in
 * exercise runs on Reactor and on RxJava exactly like the lab's own diagrams — the same binding, the
 * lab's own code, virtual time — with the learner's lines as the expectation. A wrong prediction
 * fails with the aligned picture (yours over what happened), a hint for the notation rule the
 * difference points at, and the exercise's own hint. Without {@code labs.predict} it checks nothing.
 */
class MarblePredictionsTest {

    static final String PREDICT = "labs.predict";
    static final Path PRACTICE = Path.of("src", "practice", "marbles");
    private static final Pattern SCENARIO = Pattern.compile("^\\s*scenario:\\s*(.+?)\\s*$");
    private static final Pattern BLANK = Pattern.compile("^(\\s*[\\w ]+?:)\\s*\\?\\s*$");

    @TestFactory
    Stream<DynamicNode> everyPredictionMatchesWhatBothLibrariesDo() throws IOException {
        String lab = System.getProperty(PREDICT, "");
        if (lab.isBlank()) {
            return Stream.empty();
        }
        Optional<Path> page = practicePage(lab);
        if (page.isEmpty()) {
            return Stream.of(dynamicTest("you have predictions to check", () -> {
                throw new AssertionError("no " + PRACTICE + "/" + lab + "_*.md: start with 'target/labs practice " + lab + "'");
            }));
        }
        Set<String> unanswered = new LinkedHashSet<>();
        MarbleDocument document = MarbleDocument.parse(page.get().getFileName().toString(), page.get().toString(),
                withBlanksFilled(Files.readString(page.get()), unanswered));
        Bindings bound = bindingsFor(page.get().getFileName().toString());
        List<DynamicNode> tests = new ArrayList<>();
        for (Scenario scenario : document.scenarios()) {
            if (scenario.exercise().isEmpty()) {
                continue;
            }
            Scenario.Exercise exercise = scenario.exercise().get();
            String name = scenario.name() + " (" + exercise.level() + ")";
            if (unanswered.contains(scenario.name())) {
                tests.add(dynamicTest(name, () -> {
                    throw new AssertionError("not predicted yet: write your " + String.join(" and ", exercise.predict())
                            + " line" + (exercise.predict().size() > 1 ? "s" : "") + " in place of the ? in " + page.get());
                }));
                continue;
            }
            Pipelines pipelines = bound.byScenario().get(scenario.name());
            tests.add(dynamicTest(name, () -> check(scenario, exercise, pipelines)));
        }
        return tests.stream();
    }

    private static void check(Scenario scenario, Scenario.Exercise exercise, Pipelines pipelines) {
        if (pipelines == null) {
            throw new AssertionError("\"" + scenario.name() + "\" is not a scenario of the lab's diagrams: keep the names "
                    + "'labs practice' wrote");
        }
        for (Engine engine : Engine.values()) {
            if (!pipelines.runsOn(engine)) {
                continue;
            }
            Optional<String> mismatch = MarbleRunner.run(scenario, engine, pipelines, MarbleRunner.Mode.UNBOUNDED);
            if (mismatch.isPresent()) {
                StringBuilder message = new StringBuilder(mismatch.get()
                        .replace(" expected ", " yours    ").replace(" expected", " yours"));
                ruleHints(scenario).forEach(h -> message.append("  rule: ").append(h).append('\n'));
                exercise.hint().ifPresent(h -> message.append("  think about: ").append(h).append('\n'));
                throw new AssertionError(message.toString());
            }
        }
    }

    /**
     * The notation rules a wrong line most often breaks, named when the learner's lines use the
     * notation they concern (a miscount is the likelier slip there than a misunderstood operator).
     */
    static List<String> ruleHints(Scenario scenario) {
        List<String> hints = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        scenario.exercise().ifPresent(e -> e.predict().forEach(line -> predicted.add(line)));
        String drawn = scenario.output().text();
        for (Scenario.Line line : scenario.lines()) {
            if (predicted.contains(line.name())) {
                drawn += " " + line.timeline().text();
            }
        }
        if (drawn.contains("(")) {
            hints.add("a group takes as many frames as its characters, parentheses included: '--(abc)-|' emits a, b and c "
                    + "at frame 2 and completes at frame 8");
        }
        if (drawn.matches(".*\\d+(\\.\\d+)?(ms|s|m)\\b.*")) {
            hints.add("a time progression follows the frame of the character before it: 'a 9ms b' emits a at 0 and b at 10");
        }
        if (drawn.matches(".*\\([^)]*\\d\\d[^)]*\\).*")) {
            hints.add("every character is one value: '(14|)' is the two values 1 and 4, then completion, all in one frame");
        }
        if (hints.isEmpty()) {
            hints.add("each '-' and each value takes one frame (1 frame = 1 ms); spaces take none");
        }
        return hints;
    }

    /** {@code output: ?} is not a timeline: remember the scenario as unanswered and give the parser a stand-in. */
    static String withBlanksFilled(String markdown, Set<String> unanswered) {
        StringBuilder out = new StringBuilder();
        String scenario = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher name = SCENARIO.matcher(line);
            if (name.matches()) {
                scenario = name.group(1);
            }
            Matcher blank = BLANK.matcher(line);
            if (blank.matches()) {
                if (scenario != null) {
                    unanswered.add(scenario);
                }
                out.append(blank.group(1)).append(" |");
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.toString();
    }

    static Optional<Path> practicePage(String lab) throws IOException {
        if (!Files.isDirectory(PRACTICE)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(PRACTICE)) {
            return files.filter(f -> f.getFileName().toString().startsWith(lab + "_") && f.toString().endsWith(".md")).findFirst();
        }
    }

    private static Bindings bindingsFor(String file) {
        for (Class<?> type : MarbleCatalogue.bindingClasses()) {
            MarbleBinding binding = MarbleCatalogue.instantiate(type);
            if (binding.file().equals(file)) {
                Bindings bound = new Bindings(binding.getClass().getName());
                binding.bind(bound);
                return bound;
            }
        }
        throw new AssertionError("no binding for marbles/" + file);
    }
}
