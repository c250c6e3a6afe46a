package labs.support.marbles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Runs one scenario on one library in virtual time and compares what happened with the diagram.
 *
 * <p>A run: make the library's virtual clock; schedule the cancellation first when there is one
 * (so at its frame it happens before anything else); let the binding build the pipeline from the
 * diagram's lines; subscribe the recording subscriber; advance time well past the diagram's end;
 * compare the output line, every probe line and every {@code NAME subs} line; check for leaks.
 */
public final class MarbleRunner {

    /** How the test subscriber behaves. */
    public record Mode(boolean oneByOne, long cancelAt) {
        public static final Mode UNBOUNDED = new Mode(false, -1);
        public static final Mode ONE_BY_ONE = new Mode(true, -1);

        public static Mode cancelledAt(long frame) {
            return new Mode(false, frame);
        }

        public boolean cancels() {
            return cancelAt >= 0;
        }

        @Override
        public String toString() {
            if (cancels()) {
                return "cancelled at frame " + cancelAt;
            }
            return oneByOne ? "requesting one at a time" : "unbounded demand";
        }
    }

    private MarbleRunner() {
    }

    /** Runs and fails with the aligned expected/actual picture when the run does not match the diagram. */
    public static void check(Scenario scenario, Engine engine, Pipelines pipelines, Mode mode) {
        run(scenario, engine, pipelines, mode).ifPresent(picture -> {
            throw new AssertionError(picture);
        });
    }

    /**
     * Runs with a cancellation at every frame from 0 to the frame of the expected output's last
     * signal: what was seen must be the diagram up to that frame, and every source subscription
     * must end at the cancellation (nothing keeps running, nothing new starts).
     */
    public static void checkCancellationAtEachFrame(Scenario scenario, Engine engine, Pipelines pipelines) {
        long last = Math.max(0, scenario.output().lastEventFrame());
        for (long frame = 0; frame <= last; frame++) {
            check(scenario, engine, pipelines, Mode.cancelledAt(frame));
        }
    }

    /** Runs; returns the mismatch picture, or empty when everything matched. */
    public static Optional<String> run(Scenario scenario, Engine engine, Pipelines pipelines, Mode mode) {
        // RxJava hands an error it can no longer deliver (typically one produced after the subscriber
        // cancelled) to a global handler, which by default prints it as an uncaught exception. Collect
        // it instead: after a cancellation it is RxJava's documented behaviour; without one it is a
        // signal the diagram does not show, so it fails the run.
        List<Throwable> undeliverable = new ArrayList<>();
        var previousHandler = io.reactivex.rxjava3.plugins.RxJavaPlugins.getErrorHandler();
        if (engine != Engine.REACTOR) {
            io.reactivex.rxjava3.plugins.RxJavaPlugins.setErrorHandler(undeliverable::add);
        }
        try {
            Optional<String> mismatch = runOn(scenario, engine, pipelines, mode);
            if (mismatch.isEmpty() && !mode.cancels() && !undeliverable.isEmpty()) {
                return Optional.of("\"" + scenario.name() + "\" on " + engine + ", " + mode
                        + ": an error nobody could receive went to RxJavaPlugins.onError: " + undeliverable.getFirst());
            }
            return mismatch;
        } finally {
            if (engine != Engine.REACTOR) {
                io.reactivex.rxjava3.plugins.RxJavaPlugins.setErrorHandler(previousHandler);
            }
        }
    }

    private static Optional<String> runOn(Scenario scenario, Engine engine, Pipelines pipelines, Mode mode) {
        VirtualClock clock = engine == Engine.REACTOR ? new ReactorCase.Clock() : new RxJavaCase.Clock();
        try (clock) {
            // Cancelling at frame 0 means in onSubscribe, before any demand: the same moment on both
            // libraries. Later, the cancellation is the first task due at its frame.
            Recorder recorder = new Recorder(clock, mode.oneByOne(), mode.cancelAt() == 0);
            if (mode.cancelAt() > 0) {
                clock.schedule(mode.cancelAt(), recorder::cancel);
            }
            MarbleCase run = engine == Engine.REACTOR
                    ? new ReactorCase(scenario, (ReactorCase.Clock) clock)
                    : new RxJavaCase(scenario, (RxJavaCase.Clock) clock);
            // Hot lines go on whoever listens: they start with the run, not when the binding first reads them.
            scenario.lines().stream().filter(Scenario.Line::hot).forEach(line -> run.source(line.name()));
            Publisher<?> pipeline = engine == Engine.REACTOR
                    ? pipelines.reactor().build((ReactorCase) run)
                    : pipelines.rxjava().build((RxJavaCase) run);
            Objects.requireNonNull(pipeline, "the " + engine + " binding of \"" + scenario.name() + "\" returned null");
            pipeline.subscribe(recorder);
            // Run well past the diagram, so that a late signal shows up in the picture instead of
            // silently falling off its end.
            clock.advanceTo(2 * scenario.length() + 10);
            return compare(scenario, engine, mode, run, recorder);
        }
    }

    private static Optional<String> compare(Scenario scenario, Engine engine, Mode mode, MarbleCase run, Recorder recorder) {
        Picture picture = new Picture();
        List<String> problems = new ArrayList<>();
        List<String> footnotes = new ArrayList<>();
        long cut = mode.cancels() ? mode.cancelAt() : Long.MAX_VALUE;

        // The output line.
        Timeline expectedOutput = mode.oneByOne() ? scenario.outputOneByOne().orElse(scenario.output()) : scenario.output();
        List<Event> expected = expectedOutput.before(cut);
        List<Event> actual = actualEvents(recorder.signals(), scenario.values(), footnotes);
        compareEvents("output", expected, actual, recorder.signals(), scenario.values(), picture, problems, footnotes);

        // Probe lines: every drawn line the binding did not read as a source.
        for (Scenario.Line line : scenario.lines()) {
            if (run.sources().containsKey(line.name())) {
                continue;
            }
            List<Recorder.Recorded> probed = run.probes().getOrDefault(line.name(), List.of());
            List<Event> probeActual = actualEvents(probed, scenario.values(), footnotes);
            if (probed.isEmpty() && !line.timeline().events().isEmpty()) {
                footnotes.add("line '" + line.name() + "' is neither read nor probed by the " + engine + " binding");
            }
            compareEvents(line.name(), line.timeline().before(cut), probeActual, probed, scenario.values(), picture, problems, footnotes);
        }

        // Subscription lines, then leaks.
        long outputEnd = recorder.signals().stream().filter(s -> s.kind() != Event.Kind.NEXT).mapToLong(Recorder.Recorded::frame)
                .findFirst().orElse(SubscriptionSpan.OPEN);
        for (Map.Entry<String, LineSource> entry : run.sources().entrySet()) {
            String name = entry.getKey();
            List<SubscriptionSpan> spans = entry.getValue().subscriptions();
            List<SubscriptionSpan> drawn = scenario.subscriptions().get(name);
            if (drawn != null) {
                List<SubscriptionSpan> want = mode.cancels() ? truncate(drawn, cut) : drawn;
                boolean same = want.equals(spans);
                picture.subscriptions(name + " subs expected", want, null);
                picture.subscriptions(name + " subs actual", spans, same ? null : "<- differs");
                if (!same) {
                    problems.add("'" + name + "' subscriptions differ");
                }
            }
            for (SubscriptionSpan span : spans) {
                if (mode.cancels() && (!startsBefore(span, cut) || span.ended() > cut)) {
                    problems.add("leak: '" + name + "' was " + (!startsBefore(span, cut) ? "subscribed at frame " + span.subscribed()
                            : "still subscribed after frame " + cut) + ", after the cancellation at frame " + cut);
                } else if (!mode.cancels() && outputEnd != SubscriptionSpan.OPEN && span.ended() > outputEnd) {
                    problems.add("leak: '" + name + "' was still subscribed after the output terminated at frame " + outputEnd);
                }
            }
        }
        problems.addAll(recorder.violations());
        if (mode.cancels()) {
            picture.marker("cancel", cut, '!', cut == 0 ? "the test subscriber cancels in onSubscribe"
                    : "the test subscriber cancels here, before anything else in this frame");
        }

        if (problems.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder()
                .append(scenario.where()).append(" \"").append(scenario.name()).append("\" on ").append(engine)
                .append(", ").append(mode).append(": ").append(String.join("; ", problems)).append('\n')
                .append(picture.draw("  "));
        if (mode.cancels()) {
            out.append("  (expected is the diagram before frame ").append(cut).append(")\n");
        }
        footnotes.stream().distinct().forEach(f -> out.append("  ").append(f).append('\n'));
        out.append("  legend: ").append(scenario.values().isEmpty() ? "(none)" : scenario.values()).append('\n');
        return Optional.of(out.toString());
    }

    private static void compareEvents(String name, List<Event> expected, List<Event> actual, List<Recorder.Recorded> signals,
                                      Map<Character, String> values, Picture picture, List<String> problems, List<String> footnotes) {
        int differsAt = -1;
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            if (i >= expected.size() || i >= actual.size() || !matches(expected.get(i), signals.get(i), actual.get(i), values, footnotes)) {
                differsAt = i;
                break;
            }
        }
        picture.events(name + " expected", expected, null);
        if (differsAt < 0) {
            picture.events(name + " actual", actual, null);
            return;
        }
        long frame = Math.min(differsAt < expected.size() ? expected.get(differsAt).frame() : Long.MAX_VALUE,
                differsAt < actual.size() ? actual.get(differsAt).frame() : Long.MAX_VALUE);
        picture.events(name + " actual", actual, "<- differs from frame " + frame);
        problems.add(name + " differs from frame " + frame);
    }

    private static boolean matches(Event expected, Recorder.Recorded signal, Event actual, Map<Character, String> values, List<String> footnotes) {
        if (expected.frame() != actual.frame() || expected.kind() != actual.kind()) {
            return false;
        }
        return switch (expected.kind()) {
            case COMPLETE -> true;
            case NEXT -> {
                String value = String.valueOf(signal.value());
                yield value.equals(String.valueOf(expected.symbol())) || value.equals(values.get(expected.symbol()));
            }
            case ERROR -> {
                String wanted = values.get('#');
                Throwable error = (Throwable) signal.value();
                boolean same = wanted == null || wanted.equals(error.getMessage());
                if (!same) {
                    footnotes.add("# at frame " + actual.frame() + ": expected the message '" + wanted + "', got " + error);
                }
                yield same;
            }
        };
    }

    /** Recorded signals as events, values drawn with their own character or the legend's. */
    private static List<Event> actualEvents(List<Recorder.Recorded> signals, Map<Character, String> values, List<String> footnotes) {
        List<Event> events = new ArrayList<>();
        for (Recorder.Recorded s : signals) {
            events.add(switch (s.kind()) {
                case COMPLETE -> Event.complete(s.frame());
                case ERROR -> Event.error(s.frame());
                case NEXT -> Event.next(s.frame(), symbolOf(s.value(), values, s.frame(), footnotes));
            });
        }
        return events;
    }

    private static char symbolOf(Object value, Map<Character, String> values, long frame, List<String> footnotes) {
        String text = String.valueOf(value);
        if (text.length() == 1) {
            return text.charAt(0);
        }
        for (Map.Entry<Character, String> entry : values.entrySet()) {
            if (entry.getValue().equals(text)) {
                return entry.getKey();
            }
        }
        footnotes.add("? at frame " + frame + " is " + text + ", which the legend does not name");
        return '?';
    }

    /**
     * Whether a subscription began before a cancellation at {@code cut}. A cancellation at frame f
     * runs before everything else scheduled at f; at frame 0 it happens in the test subscriber's
     * {@code onSubscribe}, so the subscriptions made on the way there (upstream of it) came first.
     */
    private static boolean startsBefore(SubscriptionSpan span, long cut) {
        return span.subscribed() < cut || (cut == 0 && span.subscribed() == 0);
    }

    /** The drawn subscriptions as a cancellation at {@code cut} leaves them. */
    private static List<SubscriptionSpan> truncate(List<SubscriptionSpan> spans, long cut) {
        List<SubscriptionSpan> out = new ArrayList<>();
        for (SubscriptionSpan span : spans) {
            if (!startsBefore(span, cut)) {
                continue;
            }
            out.add(span.ended() > cut ? new SubscriptionSpan(span.subscribed(), cut) : span);
        }
        return out;
    }
}
