package labs.support;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a person asked of one lab's experiment ({@code labs run LAB …}): the implementation, the
 * failure scenario, and the values of the lab's own {@link Setting}s, as typed. Values are checked
 * when the experiment reads them, against what the lab allows, so every lab rejects bad input with
 * the same one-line messages — before anything starts.
 */
public final class Request {

    private final String lab;
    private final Map<String, String> values;

    private Request(String lab, Map<String, String> values) {
        this.lab = lab;
        this.values = Map.copyOf(values);
    }

    /** Nothing asked: every implementation, no scenario, every setting at its default. */
    public static Request defaults(String lab) {
        return new Request(lab, Map.of());
    }

    /** A request with {@code option} (without dashes: {@code impl}, {@code inject}, a setting's name) set to {@code value}. */
    public Request with(String option, Object value) {
        Map<String, String> next = new LinkedHashMap<>(values);
        next.put(option, String.valueOf(value));
        return new Request(lab, next);
    }

    public String lab() {
        return lab;
    }

    /** Whether {@code option} was given at all. */
    public boolean has(String option) {
        return values.containsKey(option);
    }

    /** The chosen implementations: the one named with {@code --impl}, or all of {@code allowed}. */
    public List<String> implementations(List<Choice> allowed) {
        return Optional.ofNullable(values.get("impl"))
                .map(name -> List.of(oneOf("implementation", "--impl", name, allowed)))
                .orElseGet(() -> allowed.stream().map(Choice::name).toList());
    }

    /** The failure scenario named with {@code --inject}, if any. */
    public Optional<String> scenario(List<Choice> allowed) {
        return Optional.ofNullable(values.get("inject")).map(name -> oneOf("scenario", "--inject", name, allowed));
    }

    /** The setting's value, or {@code fallback} when it was not given; out of range is bad input. */
    public int wholeNumber(Setting setting, int fallback) {
        return (int) wholeNumber(setting, (long) fallback);
    }

    /** {@link #wholeNumber(Setting, int)} for settings wider than an int. */
    public long wholeNumber(Setting setting, long fallback) {
        requireKind(setting, Setting.Kind.WHOLE_NUMBER);
        String raw = values.get(setting.name());
        if (raw == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw outOfRange(setting, "'" + raw + "'");
        }
        if (value < setting.min() || value > setting.max()) {
            throw outOfRange(setting, String.valueOf(value));
        }
        return value;
    }

    /** The file named by the setting, if given: its folder must exist and its name must end right. */
    public Optional<Path> file(Setting setting) {
        requireKind(setting, Setting.Kind.FILE);
        String raw = values.get(setting.name());
        if (raw == null) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(raw).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new BadInputException(setting.option() + " '" + raw + "' is not a file name: " + e.getReason());
        }
        if (!path.getFileName().toString().endsWith(setting.extension()) || path.getFileName().toString().equals(setting.extension())) {
            throw new BadInputException(setting.option() + " '" + raw + "' must name a " + setting.extension() + " file");
        }
        Path folder = path.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new BadInputException(setting.option() + " '" + raw + "': the folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder) || (Files.exists(path) && (Files.isDirectory(path) || !Files.isWritable(path)))) {
            throw new BadInputException(setting.option() + " '" + raw + "' cannot be written");
        }
        return Optional.of(path);
    }

    private static void requireKind(Setting setting, Setting.Kind kind) {
        if (setting.kind() != kind) {
            throw new IllegalArgumentException(setting.option() + " is a " + setting.kind() + " setting, read as " + kind);
        }
    }

    private static BadInputException outOfRange(Setting setting, String got) {
        return new BadInputException(setting.option() + " must be a whole number from " + setting.min() + " to " + setting.max() + " (got " + got + ")");
    }

    private String oneOf(String what, String option, String name, List<Choice> allowed) {
        if (allowed.isEmpty()) {
            throw new BadInputException(lab + " has no " + what + " to choose: drop " + option);
        }
        if (allowed.stream().noneMatch(c -> c.name().equals(name))) {
            throw new BadInputException("unknown " + what + " '" + name + "' for " + lab + " (" + option + "); allowed: "
                    + String.join(", ", allowed.stream().map(Choice::name).toList()));
        }
        return name;
    }
}
