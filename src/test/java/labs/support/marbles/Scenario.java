package labs.support.marbles;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code ```marble} block: a named scenario, its input and probe lines, its expected output,
 * optional subscription expectations, a value legend and parameters.
 *
 * @param file        the diagram file's name, e.g. {@code lab01_parallel_workers.md}
 * @param name        the scenario's name, unique in its file; bindings use it verbatim
 * @param position    where the {@code scenario:} line is
 * @param operator    what the picture's box says (the {@code operator:} line), or empty
 * @param given       parameters ({@code given: workers = 2})
 * @param values      the value legend ({@code values: a = 8ms}), symbol to text
 * @param lines       the event lines other than outputs, in order: inputs (cold or hot) and probes
 * @param output      the expected output with unbounded demand
 * @param outputOneByOne the expected output when the subscriber requests one item at a time, if
 *                    the diagram says it differs
 * @param subscriptions expected subscriptions, by line name ({@code tasks subs: ^---!})
 * @param exercise    when the scenario is also a predict-the-output exercise: its level, the lines
 *                    a learner predicts and the rule it practises ({@code exercise: easy; predict output})
 */
public record Scenario(
        String file,
        String name,
        Position position,
        Optional<String> operator,
        Map<String, String> given,
        Map<Character, String> values,
        List<Line> lines,
        Timeline output,
        Optional<Timeline> outputOneByOne,
        Map<String, List<SubscriptionSpan>> subscriptions,
        Map<String, Position> subscriptionPositions,
        Optional<Exercise> exercise) {

    /**
     * A predict-the-output exercise: {@code exercise: easy; predict output, started} and an optional
     * {@code hint: …} naming the behaviour the learner must reason about. The scenario runs like any
     * other (so its answer can never drift from the code); {@code labs practice} hands the learner a
     * copy with the predicted lines blanked ({@code ?}), and the engine checks what they write.
     *
     * @param level   {@code easy}, {@code medium} or {@code hard}
     * @param predict the lines the learner predicts: {@code output} and/or probe lines
     * @param hint    the behaviour to reason about, shown when a prediction is wrong
     */
    public record Exercise(String level, List<String> predict, Optional<String> hint) {
        public static final List<String> LEVELS = List.of("easy", "medium", "hard");
    }

    /** A named event line: {@code tasks: (abc|)}, {@code hot clicks: -a-^-b|}. */
    public record Line(String name, boolean hot, Timeline timeline) {
    }

    public Optional<Line> line(String name) {
        return lines.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** {@code path:line} of the scenario ({@code marbles/x.md:24}), for failure headers. */
    public String where() {
        return position.file() + ":" + position.line();
    }

    /** The last frame anything in the diagram is drawn at, plus one. */
    public long length() {
        long length = output.length();
        for (Line line : lines) {
            length = Math.max(length, line.timeline().length());
        }
        if (outputOneByOne.isPresent()) {
            length = Math.max(length, outputOneByOne.get().length());
        }
        for (List<SubscriptionSpan> spans : subscriptions.values()) {
            for (SubscriptionSpan span : spans) {
                length = Math.max(length, span.isOpen() ? span.subscribed() + 1 : span.ended() + 1);
            }
        }
        return length;
    }
}
