package labs.support.marbles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a binding sees of one run of one scenario: the diagram's legend and parameters, its input
 * lines as sources (in the library's own types, see {@link ReactorCase} and {@link RxJavaCase}),
 * the virtual-time scheduler, and probes to record what happened inside (for example which task
 * started when).
 */
public abstract sealed class MarbleCase permits ReactorCase, RxJavaCase {

    private final Scenario scenario;
    private final VirtualClock clock;
    private final Map<String, LineSource> sources = new LinkedHashMap<>();
    private final Map<String, List<Recorder.Recorded>> probes = new LinkedHashMap<>();

    MarbleCase(Scenario scenario, VirtualClock clock) {
        this.scenario = scenario;
        this.clock = clock;
    }

    /** The legend's text for a symbol ({@code values: a = 8ms} gives "8ms" for 'a'). */
    public String value(char symbol) {
        String text = scenario.values().get(symbol);
        if (text == null) {
            throw new IllegalStateException(scenario.where() + ": the binding needs the legend to explain '" + symbol
                    + "' (add it to the 'values:' line)");
        }
        return text;
    }

    /** The legend's text for a one-character value as the sources emit it. */
    public String value(String symbol) {
        return value(symbol.charAt(0));
    }

    /** A parameter of the scenario ({@code given: workers = 2}). */
    public String given(String key) {
        String text = scenario.given().get(key);
        if (text == null) {
            throw new IllegalStateException(scenario.where() + ": the binding needs 'given: " + key + " = …'");
        }
        return text;
    }

    public int givenInt(String key) {
        return Integer.parseInt(given(key));
    }

    /** The current frame (1 frame = 1 ms of virtual time). */
    public long frame() {
        return clock.now();
    }

    /** Records {@code symbol} on the probe line {@code line} at the current frame. */
    public void probe(String line, Object symbol) {
        if (scenario.line(line).isEmpty()) {
            throw new IllegalStateException(scenario.where() + ": the binding probes line '" + line + "', which the diagram does not draw");
        }
        probes.computeIfAbsent(line, l -> new ArrayList<>()).add(new Recorder.Recorded(clock.now(), Event.Kind.NEXT, symbol));
    }

    /**
     * A legend entry for timed work, the one form every lab's diagrams use: {@code a = 8ms} works 8 ms,
     * then succeeds; {@code f = fails after 4ms} works 4 ms, then ends as its words say (the binding
     * decides what {@code fails}, {@code throws} or {@code an Error} means for its lab).
     *
     * @param time   how long the work takes on the virtual clock
     * @param ending the words before {@code after}, or empty for work that succeeds
     */
    public record TimedWork(Duration time, Optional<String> ending) {
        public boolean succeeds() {
            return ending.isEmpty();
        }

        public boolean endsWith(String words) {
            return ending.filter(words::equals).isPresent();
        }
    }

    /** The legend's timed work for {@code symbol} (see {@link TimedWork}). */
    public TimedWork work(String symbol) {
        String text = value(symbol);
        int after = text.lastIndexOf(" after ");
        return after < 0
                ? new TimedWork(duration(text.strip()), Optional.empty())
                : new TimedWork(duration(text.substring(after + " after ".length()).strip()), Optional.of(text.substring(0, after).strip()));
    }

    /** {@code 8ms}, {@code 1.5s}, {@code 2m} as a {@link Duration}: legends give durations this way. */
    public static Duration duration(String text) {
        return Duration.ofMillis(MarbleParser.frames(text, new Position("legend", 0, 0)));
    }

    LineSource source(String name) {
        return sources.computeIfAbsent(name, n -> {
            Scenario.Line line = scenario.line(n).orElseThrow(() -> new IllegalStateException(scenario.where()
                    + ": the binding reads line '" + n + "', which the diagram does not draw"));
            return new LineSource(n, line.timeline(), line.hot(), clock, scenario.values().getOrDefault('#', "error"));
        });
    }

    Map<String, LineSource> sources() {
        return sources;
    }

    Map<String, List<Recorder.Recorded>> probes() {
        return probes;
    }

    Scenario scenario() {
        return scenario;
    }
}
