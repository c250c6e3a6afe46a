package labs.support;

import java.util.Objects;

/**
 * One typed option of a lab's experiment ({@code --workers N}, {@code --buffer N},
 * {@code --chart FILE}). A lab declares the ones it reads; the CLI offers exactly those, lists them
 * in {@code labs run LAB --help}, and refuses any other option for that lab in one line.
 *
 * @param name        the option without dashes: {@code workers} is {@code --workers}
 * @param label       what its value is called in the help ({@code N}, {@code FILE})
 * @param description one line: what it changes, and its default
 * @param kind        how its value is read and checked
 * @param min         the smallest value allowed (whole numbers)
 * @param max         the largest value allowed (whole numbers)
 * @param extension   the file name's required ending, such as {@code .svg} (files)
 */
public record Setting(String name, String label, String description, Kind kind, long min, long max, String extension) {

    /** How a value is read: each kind has one error message, the same in every lab. */
    public enum Kind { WHOLE_NUMBER, FILE }

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a setting's name is its option without dashes, in lower case (got '" + name + "')");
        }
        if (min > max) {
            throw new IllegalArgumentException("setting --" + name + ": min " + min + " > max " + max);
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Setting wholeNumber(String name, String description, long min, long max) {
        return new Setting(name, "N", description, Kind.WHOLE_NUMBER, min, max, "");
    }

    /** A file to write, whose name ends with {@code extension} (its folder must exist). */
    public static Setting file(String name, String description, String extension) {
        return new Setting(name, "FILE", description, Kind.FILE, 0, 0, Objects.requireNonNull(extension, "extension"));
    }

    /** The option as typed: {@code --workers}. */
    public String option() {
        return "--" + name;
    }
}
