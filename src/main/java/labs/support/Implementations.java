package labs.support;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A lab's implementations, in the order its tables and test reports list them: the one place a
 * lab registers them. The CLI reads it for {@code --impl} and {@code labs run LAB --help}; the
 * contract tests read it for their parameters (see {@code labs.support.Contracts} in the tests), so
 * a new implementation joins both by joining this list.
 *
 * <pre>{@code
 * Implementations<IntFunction<ParallelWorkers>> IMPLEMENTATIONS = Implementations.of("lab01",
 *         new Implementation<>("platform", "a fixed pool of platform threads", PlatformThreadWorkers::new),
 *         new Implementation<>("reactor", "flatMap(…, workers) on parallel()", ReactorWorkers::new));
 * }</pre>
 *
 * @param <F> the lab's factory type
 */
public final class Implementations<F> implements Iterable<Implementation<F>> {

    private final String lab;
    private final Map<String, Implementation<F>> byName;

    private Implementations(String lab, List<Implementation<F>> entries) {
        this.lab = Objects.requireNonNull(lab, "lab");
        Map<String, Implementation<F>> map = new LinkedHashMap<>();
        for (Implementation<F> entry : entries) {
            if (map.put(entry.name(), entry) != null) {
                throw new IllegalArgumentException(lab + " registers the implementation '" + entry.name() + "' twice");
            }
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException(lab + " registers no implementation");
        }
        this.byName = map;
    }

    @SafeVarargs
    public static <F> Implementations<F> of(String lab, Implementation<F>... entries) {
        return new Implementations<>(lab, List.of(entries));
    }

    /** The lab this list belongs to ({@code "lab01"}), for messages. */
    public String lab() {
        return lab;
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The implementation named {@code name}; an unknown name is bad input, said in one line. */
    public Implementation<F> named(String name) {
        Implementation<F> found = byName.get(name);
        if (found == null) {
            throw new BadInputException("unknown implementation '" + name + "' for " + lab + " (--impl); allowed: " + String.join(", ", names()));
        }
        return found;
    }

    /** Shorthand for {@code named(name).create()}. */
    public F create(String name) {
        return named(name).create();
    }

    /** The name and summary of each, as the CLI's help lists them. */
    public List<Choice> choices() {
        List<Choice> choices = new ArrayList<>();
        byName.values().forEach(i -> choices.add(new Choice(i.name(), i.summary())));
        return choices;
    }

    public Stream<Implementation<F>> stream() {
        return byName.values().stream();
    }

    @Override
    public Iterator<Implementation<F>> iterator() {
        return byName.values().iterator();
    }
}
