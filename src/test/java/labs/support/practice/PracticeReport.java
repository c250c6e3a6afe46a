package labs.support.practice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import labs.support.Hint;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * What {@code labs check LAB} and {@code labs predict LAB} print. A check: the lab's tests, run
 * against the learner's code, reported by property — each failed test as the sentence its name
 * says, the implementation it ran on, what the assertion observed, and the test's {@link Hint}; the
 * {@code TODO}s not written yet are counted once instead of failing every property one by one. A
 * prediction: each exercise the learner got wrong, with the aligned diagram and its hints.
 *
 * <p>Only active when the system property {@value #CHECK} or {@value #PREDICT} names the lab (the
 * Maven profiles {@code check} and {@code predict} set them); in a normal build it does nothing.
 * Registered for every JUnit Platform run by
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class PracticeReport implements TestExecutionListener {

    public static final String CHECK = "labs.check";
    public static final String PREDICT = "labs.predict";

    private record Failure(String property, String implementation, String observed, Optional<String> hint, String where) {
    }

    private final Map<String, Failure> failures = new LinkedHashMap<>();
    /** A TODO's message → how many checks stopped at it; and where it was thrown, when a stack said so. */
    private final Map<String, Integer> notWritten = new LinkedHashMap<>();
    private final Map<String, String> notWrittenAt = new LinkedHashMap<>();
    private final List<String> passed = new ArrayList<>();
    /** Set by a test: collect for this lab whatever the system properties say, and print nothing at the end. */
    private final String collectingFor;

    /** As the JUnit Platform loads it: active only under {@code labs check} or {@code labs predict}. */
    public PracticeReport() {
        this(null);
    }

    PracticeReport(String collectingFor) {
        this.collectingFor = collectingFor;
    }

    private static Optional<String> property(String name) {
        return Optional.ofNullable(System.getProperty(name)).filter(s -> !s.isBlank());
    }

    private boolean active() {
        return collectingFor != null || property(CHECK).isPresent() || property(PREDICT).isPresent();
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!active() || !test.isTest()) {
            return;
        }
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            passed.add(test.getUniqueId());
            return;
        }
        Optional<Throwable> error = result.getThrowable();
        Optional<String[]> todo = error.flatMap(PracticeReport::todo);
        if (todo.isPresent()) {
            notWritten.merge(todo.get()[0], 1, Integer::sum);
            if (!todo.get()[1].isEmpty()) {
                notWrittenAt.putIfAbsent(todo.get()[0], todo.get()[1]);
            }
            return;
        }
        // A dynamic test (a diagram, a prediction) is named by its display name, not by its factory method.
        Optional<MethodSource> method = test.getUniqueId().contains("[dynamic-test:") ? Optional.empty()
                : test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
        String observed = error.map(PracticeReport::observed).orElse(result.getStatus().toString());
        failures.put(test.getUniqueId(), new Failure(
                method.map(m -> words(m.getMethodName())).orElse(test.getDisplayName()),
                implementationOf(test),
                observed,
                method.flatMap(PracticeReport::hintOf),
                method.map(m -> simpleName(m.getClassName()) + "." + m.getMethodName()).orElse("")));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (collectingFor != null) {
            return;
        }
        property(CHECK).ifPresent(lab -> write("practice-report-" + lab + ".txt", checkReport(lab)));
        property(PREDICT).ifPresent(lab -> write("prediction-report-" + lab + ".txt", predictionReport(lab)));
    }

    private static void write(String name, String report) {
        System.out.print(report);
        System.out.flush();
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", name), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("(could not write target/" + name + ": " + e + ")");
        }
    }

    String checkReport(String lab) {
        StringBuilder out = new StringBuilder("\n");
        List<String> yours = yourFiles(lab);
        out.append("== ").append(lab).append(" checked against ")
                .append(yours.isEmpty() ? "the reference (you have no file for this lab in src/practice/java)" : "your code: " + String.join(", ", yours))
                .append("\n\n");
        notWritten.forEach((todo, checks) -> out.append("  TODO   ").append(notWrittenAt.getOrDefault(todo, ""))
                .append(notWrittenAt.containsKey(todo) ? ": " : "").append(todo).append("\n         (").append(checks)
                .append(checks == 1 ? " check stops" : " checks stop").append(" there: not written yet)\n"));
        for (Failure f : failures.values()) {
            out.append("  FAILS  ").append(f.property()).append(f.implementation().isEmpty() ? "" : "  [" + f.implementation() + "]").append('\n');
            f.observed().lines().limit(8).forEach(line -> out.append("         ").append(line).append('\n'));
            f.hint().ifPresent(h -> out.append("         hint: ").append(h).append('\n'));
            if (!f.where().isEmpty()) {
                out.append("         (the test: ").append(f.where()).append(")\n");
            }
        }
        int failing = failures.size() + notWritten.values().stream().mapToInt(Integer::intValue).sum();
        out.append('\n').append(failing == 0
                ? "  All " + passed.size() + " properties hold. The reference, to compare with: src/main/java/…/" + lab + "_*/\n"
                : "  " + failing + " failing, " + passed.size() + " passing (the lab's tests run on every implementation;"
                        + " yours replace the classes of the same names). Fix one property at a time; run the check again.\n");
        return out.toString();
    }

    String predictionReport(String lab) {
        StringBuilder out = new StringBuilder("\n== ").append(lab).append(" predictions (src/practice/marbles), each run on Reactor and RxJava\n\n");
        for (Failure f : failures.values()) {
            boolean unanswered = f.observed().startsWith("not predicted yet");
            out.append(unanswered ? "  OPEN   " : "  WRONG  ").append(f.property()).append('\n');
            f.observed().lines().forEach(line -> out.append("         ").append(line).append('\n'));
        }
        long open = failures.values().stream().filter(f -> f.observed().startsWith("not predicted yet")).count();
        out.append('\n').append(failures.isEmpty()
                ? "  All " + passed.size() + " predictions are right.\n"
                : "  " + passed.size() + " right, " + (failures.size() - open) + " wrong, " + open + " not predicted yet.\n");
        return out.toString();
    }

    /**
     * A starting point's "not written yet": {@code UnsupportedOperationException("TODO(lab01): …")},
     * wherever it surfaced — as the error, as a cause, or only inside another error's message (a
     * diagram's, a wrapped one's). Returns the TODO's text (the key) and {@code Class.method} where it
     * was thrown, when a stack said so.
     */
    private static Optional<String[]> todo(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof UnsupportedOperationException && e.getMessage() != null && e.getMessage().startsWith("TODO(")) {
                StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
                return Optional.of(new String[] {e.getMessage().strip(), at == null ? "" : simpleName(at.getClassName()) + "." + at.getMethodName()});
            }
        }
        String message = error.getMessage();
        if (message != null && message.contains("UnsupportedOperationException: TODO(")) {
            String todo = message.substring(message.indexOf("TODO(")).lines().findFirst().orElse("");
            return Optional.of(new String[] {todo.replaceAll("[\"')\\]]+$", "").strip(), ""});
        }
        return Optional.empty();
    }

    /** {@code aFailingBranchCancelsItsSiblings} → "a failing branch cancels its siblings". */
    static String words(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    /** A parameterized test's argument names the implementation: {@code [3] reactor} → {@code reactor}. */
    private static String implementationOf(TestIdentifier test) {
        String name = test.getDisplayName();
        if (name.startsWith("[") && name.contains("] ")) {
            return name.substring(name.indexOf("] ") + 2);
        }
        return "";
    }

    private static Optional<String> hintOf(MethodSource source) {
        try {
            Class<?> type = Class.forName(source.getClassName(), false, PracticeReport.class.getClassLoader());
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                Optional<String> hint = Stream.of(c.getDeclaredMethods())
                        .filter(m -> m.getName().equals(source.getMethodName()))
                        .map(m -> m.getAnnotation(Hint.class))
                        .filter(h -> h != null)
                        .map(Hint::value)
                        .findFirst();
                if (hint.isPresent()) {
                    return hint;
                }
            }
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static String observed(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage().strip();
        return error instanceof AssertionError ? message : error.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The learner's files for the lab: what {@code labs practice} wrote and they edited. */
    private static List<String> yourFiles(String lab) {
        Path root = Path.of("src", "practice", "java");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.getParent() != null && f.getParent().getFileName().toString().startsWith(lab + "_"))
                    .map(f -> f.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
