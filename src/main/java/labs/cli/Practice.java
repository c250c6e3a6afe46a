package labs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import labs.support.BadInputException;

/**
 * {@code labs practice LAB}: a lab as an exercise. It copies the lab's starting points
 * ({@code src/exercises/java/<the lab's package>/}) into {@code src/practice/java/} — a place git
 * ignores and {@code labs check} compiles in place of the reference classes of the same names — and
 * writes the lab's predict-the-output diagrams, with the lines to predict left as {@code ?}, to
 * {@code src/practice/marbles/}. It never overwrites the learner's work without {@code --force}.
 */
final class Practice {

    static final Path EXERCISES = Path.of("src", "exercises", "java");
    static final Path YOURS = Path.of("src", "practice", "java");
    static final Path YOUR_MARBLES = Path.of("src", "practice", "marbles");

    private static final Pattern BLOCK_KEY = Pattern.compile("^(\\s*)([A-Za-z][\\w -]*?):(\\s*)(.*)$");
    private static final Pattern EXERCISE = Pattern.compile("^\\s*exercise:\\s*(\\w+)\\s*;\\s*predict\\s+(.+?)\\s*$");

    private Practice() {
    }

    /** The lab's package folder under {@code root}, e.g. {@code labs/level01_independent_execution/lab01_parallel_workers}. */
    static Path packageOf(Lab lab) {
        return Path.of("labs", "level%02d_%s".formatted(lab.level(), lab.levelName()), lab.id() + "_" + lab.slug());
    }

    /** The labs that ship a starting point, in catalogue order. */
    static List<String> withExercises(Path home) {
        return Catalogue.LABS.stream().filter(lab -> Files.isDirectory(home.resolve(EXERCISES).resolve(packageOf(lab)))).map(Lab::id).toList();
    }

    /** Writes the starting points and the prediction page; returns the files written, relative to {@code home}. */
    static List<Path> start(Path home, Lab lab, boolean force) {
        Path from = home.resolve(EXERCISES).resolve(packageOf(lab));
        if (!Files.isDirectory(from)) {
            throw new BadInputException(lab.id() + " has no exercise yet; labs with one: " + String.join(", ", withExercises(home)));
        }
        List<Path> sources = list(from, ".java");
        Path marbles = home.resolve("marbles").resolve(lab.id() + "_" + lab.slug() + ".md");
        List<Path[]> writes = new ArrayList<>();
        for (Path source : sources) {
            writes.add(new Path[] {source, YOURS.resolve(packageOf(lab)).resolve(source.getFileName())});
        }
        Path predictions = YOUR_MARBLES.resolve(marbles.getFileName());
        boolean hasDiagrams = Files.exists(marbles);
        if (!force) {
            List<String> existing = new ArrayList<>();
            writes.forEach(w -> {
                if (Files.exists(home.resolve(w[1]))) {
                    existing.add(w[1].toString());
                }
            });
            if (hasDiagrams && Files.exists(home.resolve(predictions))) {
                existing.add(predictions.toString());
            }
            if (!existing.isEmpty()) {
                throw new BadInputException(existing.getFirst() + " already exists (your work): 'labs check " + lab.id()
                        + "' checks it; 'labs practice " + lab.id() + " --force' starts over");
            }
        }
        List<Path> written = new ArrayList<>();
        try {
            for (Path[] w : writes) {
                Files.createDirectories(home.resolve(w[1]).getParent());
                Files.copy(w[0], home.resolve(w[1]), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                written.add(w[1]);
            }
            if (hasDiagrams) {
                String page = predictionPage(lab, Files.readString(marbles));
                Files.createDirectories(home.resolve(predictions).getParent());
                Files.writeString(home.resolve(predictions), page);
                written.add(predictions);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the exercise for " + lab.id(), e);
        }
        return written;
    }

    static void printNextSteps(PrintStream out, Lab lab, List<Path> written) {
        out.println(lab.id() + " " + lab.title() + " as an exercise. Written (git ignores src/practice/):");
        written.forEach(p -> out.println("  " + p));
        out.println();
        out.println("1. Read the spec: " + lab.docs() + "/README.md");
        out.println("2. Write the TODOs in src/practice/java/…, then run every test, failure scenario and diagram");
        out.println("   of the lab against your code:    target/labs check " + lab.id());
        out.println("3. Fill in each ? in src/practice/marbles/…, then check your predictions against Reactor and");
        out.println("   RxJava:                          target/labs predict " + lab.id());
        out.println("The reference solution stays where it is: src/main/java/" + packageOf(lab).toString().replace('\\', '/') + "/");
    }

    /**
     * The lab's exercise diagrams only, each with the lines it asks for blanked ({@code ?}) and what
     * would give the answer away (subscription lines, the one-by-one output, the pictures) left out.
     */
    static String predictionPage(Lab lab, String markdown) {
        StringBuilder out = new StringBuilder()
                .append("# ").append(lab.id()).append(" ").append(lab.title()).append(" — predict the output\n\n")
                .append("Replace each `?` with the line you expect: the notation is in `marbles/README.md`, the\n")
                .append("scenarios and their code in `marbles/").append(lab.id()).append('_').append(lab.slug()).append(".md`.\n")
                .append("Then run `target/labs predict ").append(lab.id()).append("`: each prediction runs on Reactor and on RxJava.\n");
        String[] lines = markdown.split("\n", -1);
        int i = 0;
        int count = 0;
        while (i < lines.length) {
            if (!lines[i].strip().equals("```marble")) {
                i++;
                continue;
            }
            List<String> block = new ArrayList<>();
            int j = i + 1;
            while (j < lines.length && !lines[j].strip().equals("```")) {
                block.add(lines[j]);
                j++;
            }
            i = j + 1;
            List<String> predicted = predictedLines(block);
            if (predicted.isEmpty()) {
                continue;
            }
            count++;
            out.append("\n## Exercise ").append(count).append("\n\n```marble\n");
            for (String row : block) {
                Matcher key = BLOCK_KEY.matcher(row);
                if (!key.matches()) {
                    out.append(row).append('\n');
                    continue;
                }
                String name = key.group(2).strip();
                if (name.endsWith(" subs") || name.equals("output one-by-one")) {
                    continue;
                }
                out.append(predicted.contains(name) ? key.group(1) + key.group(2) + ":" + key.group(3) + "?" : row).append('\n');
            }
            out.append("```\n");
        }
        return out.toString();
    }

    private static List<String> predictedLines(List<String> block) {
        for (String row : block) {
            Matcher exercise = EXERCISE.matcher(row);
            if (exercise.matches()) {
                return Stream.of(exercise.group(2).split(",")).map(String::strip).toList();
            }
        }
        return List.of();
    }

    private static List<Path> list(Path folder, String suffix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
