package labs.support.marbles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown file of {@code marble} blocks. Everything outside the fenced blocks is prose for
 * people; each block is one scenario, one {@code key: content} line at a time (see
 * {@code marbles/README.md} for the keys). Errors name the file, line and column.
 */
public record MarbleDocument(String file, List<Scenario> scenarios) {

    private static final Pattern KEY = Pattern.compile("^([A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*)\\s*:");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public static MarbleDocument read(Path path) {
        try {
            // Errors name the path as given (marbles/x.md from the project root), so a terminal can open it.
            return parse(path.getFileName().toString(), path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MarbleDocument parse(String file, String markdown) {
        return parse(file, file, markdown);
    }

    /** {@code file} names the diagram file (bindings use it); {@code shownAs} is how errors and failures name it. */
    public static MarbleDocument parse(String file, String shownAs, String markdown) {
        String[] rows = markdown.split("\r?\n", -1);
        List<Scenario> scenarios = new ArrayList<>();
        int i = 0;
        while (i < rows.length) {
            String row = rows[i].strip();
            if (row.startsWith("```") && row.substring(3).strip().equals("marble")) {
                int open = i;
                List<Integer> body = new ArrayList<>();
                i++;
                while (i < rows.length && !rows[i].strip().startsWith("```")) {
                    body.add(i);
                    i++;
                }
                if (i == rows.length) {
                    throw new MarbleSyntaxException(new Position(shownAs, open + 1, 1), "this ```marble block is never closed");
                }
                Scenario scenario = block(file, shownAs, rows, open, body);
                for (Scenario other : scenarios) {
                    if (other.name().equals(scenario.name())) {
                        throw new MarbleSyntaxException(scenario.position(), "scenario \"" + scenario.name()
                                + "\" already appears at line " + other.position().line() + ": names must be unique in a file");
                    }
                }
                scenarios.add(scenario);
            }
            i++;
        }
        return new MarbleDocument(file, List.copyOf(scenarios));
    }

    private static Scenario block(String file, String shownAs, String[] rows, int open, List<Integer> body) {
        String name = null;
        Position namePosition = null;
        Optional<String> operator = Optional.empty();
        Map<String, String> given = new LinkedHashMap<>();
        Map<Character, String> values = new LinkedHashMap<>();
        List<Scenario.Line> lines = new ArrayList<>();
        Timeline output = null;
        Timeline outputOneByOne = null;
        Map<String, List<SubscriptionSpan>> subscriptions = new LinkedHashMap<>();
        Map<String, Position> subscriptionPositions = new LinkedHashMap<>();
        String exerciseSpec = null;
        Position exerciseAt = null;
        String hint = null;

        for (int index : body) {
            String row = rows[index];
            if (row.isBlank()) {
                continue;
            }
            int indent = row.length() - row.stripLeading().length();
            Position rowStart = new Position(shownAs, index + 1, indent + 1);
            Matcher key = KEY.matcher(row.substring(indent));
            if (!key.find()) {
                throw new MarbleSyntaxException(rowStart, "expected 'key: content' (keys: scenario, operator, given, values,"
                        + " output, output one-by-one, NAME, hot NAME, NAME subs, exercise, hint)");
            }
            String k = key.group(1);
            int contentStart = indent + key.end();
            String content = row.substring(contentStart);
            Position at = new Position(shownAs, index + 1, contentStart + 1);
            switch (k) {
                case "scenario" -> {
                    if (name != null) {
                        throw new MarbleSyntaxException(rowStart, "a second 'scenario:' in one block: one scenario per ```marble block");
                    }
                    name = content.strip();
                    namePosition = rowStart;
                    if (name.isEmpty()) {
                        throw new MarbleSyntaxException(at, "the scenario needs a name");
                    }
                }
                case "operator" -> operator = Optional.of(content.strip());
                case "exercise" -> {
                    exerciseSpec = content.strip();
                    exerciseAt = at;
                }
                case "hint" -> hint = content.strip();
                case "given" -> pairs(content, at, (pairKey, pairAt, text) -> {
                    if (!NAME.matcher(pairKey).matches()) {
                        throw new MarbleSyntaxException(pairAt, "'" + pairKey + "' is not a parameter name");
                    }
                    given.put(pairKey, text);
                });
                case "values" -> pairs(content, at, (pairKey, pairAt, text) -> {
                    if (pairKey.length() != 1 || !(MarbleParser.isValue(pairKey.charAt(0)) || pairKey.equals("#"))) {
                        throw new MarbleSyntaxException(pairAt, "'" + pairKey + "' is not a marble symbol: the legend explains"
                                + " one character (a-z, A-Z, 0-9 or #) per entry");
                    }
                    if (values.put(pairKey.charAt(0), text) != null) {
                        throw new MarbleSyntaxException(pairAt, "'" + pairKey + "' is explained twice");
                    }
                });
                case "output" -> {
                    if (output != null) {
                        throw new MarbleSyntaxException(rowStart, "a second 'output:' line");
                    }
                    output = MarbleParser.events(content, at, false);
                }
                case "output one-by-one" -> outputOneByOne = MarbleParser.events(content, at, false);
                default -> {
                    String[] words = k.split(" ");
                    if (words.length == 2 && words[1].equals("subs")) {
                        checkName(words[0], rowStart);
                        subscriptions.computeIfAbsent(words[0], n -> new ArrayList<>()).add(MarbleParser.subscription(content, at));
                        subscriptionPositions.putIfAbsent(words[0], rowStart);
                    } else if (words.length == 2 && words[0].equals("hot")) {
                        checkName(words[1], rowStart.plus(4));
                        lines.add(new Scenario.Line(words[1], true, MarbleParser.events(content, at, true)));
                    } else if (words.length == 1) {
                        checkName(k, rowStart);
                        if (lines.stream().anyMatch(l -> l.name().equals(k))) {
                            throw new MarbleSyntaxException(rowStart, "a second line named '" + k + "'");
                        }
                        lines.add(new Scenario.Line(k, false, MarbleParser.events(content, at, false)));
                    } else {
                        throw new MarbleSyntaxException(rowStart, "unknown key '" + k + "' (keys: scenario, operator, given, values,"
                                + " output, output one-by-one, NAME, hot NAME, NAME subs, exercise, hint)");
                    }
                }
            }
        }
        Position blockStart = new Position(shownAs, open + 1, 1);
        if (name == null) {
            throw new MarbleSyntaxException(blockStart, "this ```marble block has no 'scenario:' line naming it");
        }
        if (output == null) {
            throw new MarbleSyntaxException(namePosition, "scenario \"" + name + "\" has no 'output:' line");
        }
        for (Map.Entry<String, Position> subs : subscriptionPositions.entrySet()) {
            if (lines.stream().noneMatch(l -> l.name().equals(subs.getKey()))) {
                throw new MarbleSyntaxException(subs.getValue(), "'" + subs.getKey() + " subs' names no line of this scenario");
            }
        }
        Optional<Scenario.Exercise> exercise = Optional.empty();
        if (exerciseSpec != null) {
            exercise = Optional.of(exercise(exerciseSpec, exerciseAt, hint, lines));
        } else if (hint != null) {
            throw new MarbleSyntaxException(namePosition, "scenario \"" + name + "\" has a 'hint:' but no 'exercise:' line");
        }
        return new Scenario(file, name, namePosition, operator, Map.copyOf(given), java.util.Collections.unmodifiableMap(values),
                List.copyOf(lines), output, Optional.ofNullable(outputOneByOne), subscriptions, subscriptionPositions, exercise);
    }

    /** {@code easy; predict output, started}: a level, then the lines a learner predicts (output or probes, all drawn here). */
    private static Scenario.Exercise exercise(String spec, Position at, String hint, List<Scenario.Line> lines) {
        String[] parts = spec.split(";", 2);
        String level = parts[0].strip();
        if (!Scenario.Exercise.LEVELS.contains(level)) {
            throw new MarbleSyntaxException(at, "an exercise's level is one of " + String.join(", ", Scenario.Exercise.LEVELS) + " (got '" + level + "')");
        }
        String predictPart = parts.length < 2 ? "" : parts[1].strip();
        if (!predictPart.startsWith("predict ")) {
            throw new MarbleSyntaxException(at, "expected 'exercise: " + level + "; predict output[, LINE…]'");
        }
        List<String> predict = new ArrayList<>();
        for (String line : predictPart.substring("predict ".length()).split(",")) {
            String name = line.strip();
            if (!name.equals("output") && lines.stream().noneMatch(l -> l.name().equals(name))) {
                throw new MarbleSyntaxException(at, "the exercise predicts '" + name + "', which is not a line of this scenario");
            }
            predict.add(name);
        }
        return new Scenario.Exercise(level, List.copyOf(predict), Optional.ofNullable(hint));
    }

    private static void checkName(String name, Position at) {
        if (!NAME.matcher(name).matches() || name.equals("hot") || name.equals("output")) {
            throw new MarbleSyntaxException(at, "'" + name + "' cannot name a line");
        }
    }

    private interface PairSink {
        void accept(String key, Position at, String text);
    }

    /** {@code a = 8ms, b = 4ms}: comma-separated {@code key = text} pairs. */
    private static void pairs(String content, Position at, PairSink sink) {
        int start = 0;
        while (start <= content.length()) {
            int comma = content.indexOf(',', start);
            int end = comma < 0 ? content.length() : comma;
            String pair = content.substring(start, end);
            if (!pair.isBlank()) {
                int lead = pair.length() - pair.stripLeading().length();
                Position pairAt = at.plus(start + lead);
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new MarbleSyntaxException(pairAt, "expected 'key = text' in '" + pair.strip() + "'");
                }
                String key = pair.substring(0, eq).strip();
                String text = pair.substring(eq + 1).strip();
                if (text.isEmpty()) {
                    throw new MarbleSyntaxException(at.plus(start + eq), "'" + key + "' is explained by nothing");
                }
                sink.accept(key, pairAt, text);
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
    }
}
