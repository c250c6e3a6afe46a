package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The children and workers the lab's tests supervise. Every crash is scripted, so a scenario goes
 * the same way on every run: what crashes, how often, and when a dependency comes back are set by
 * the test, never by chance or by a clock the test does not control.
 */
final class Children {

    /** What a starter throws while its dependency is down. */
    static final String DEPENDENCY_DOWN = "dependency down";

    private Children() {
    }

    /** A worker that answers an input with the input in upper case ("a" → "A"). */
    static Worker echo() {
        return input -> input.toUpperCase(Locale.ROOT);
    }

    /**
     * A worker with state of its own: it tags each output with how many inputs this worker has
     * handled ("a" → "A#1", "b" → "B#2"). A restart makes a new one, which counts from 1 again.
     */
    static Worker counting() {
        AtomicInteger handled = new AtomicInteger();
        return input -> input.toUpperCase(Locale.ROOT) + "#" + handled.incrementAndGet();
    }

    /** A child of echo workers. */
    static Child echoing(String name, String... inputs) {
        return new Child(name, List.of(inputs), Children::echo);
    }

    /** A starter whose dependency is down until {@code upAt} on {@code clock} (milliseconds): every start before that crashes. */
    static Child.Starter downUntil(LongSupplier clock, long upAt, Child.Starter then) {
        return () -> {
            if (clock.getAsLong() < upAt) {
                throw new IllegalStateException(DEPENDENCY_DOWN);
            }
            return then.start();
        };
    }

    /** A starter whose dependency never comes back: a crash loop. */
    static Child.Starter alwaysDown() {
        return () -> {
            throw new IllegalStateException(DEPENDENCY_DOWN);
        };
    }

    /**
     * Crashes that outlive every worker — the world the children live in: each scripted input
     * crashes the worker that handles it a given number of times (or always), whichever worker that
     * is; then it is handled normally. It also counts every attempt at every input.
     */
    static final class Flaky {
        static final int ALWAYS = Integer.MAX_VALUE;

        private final Map<String, AtomicInteger> crashesLeft = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        /** {@code crashing("b", 1, "p", ALWAYS)}: b crashes its first worker, p every worker. */
        static Flaky crashing(Object... inputThenTimes) {
            Flaky flaky = new Flaky();
            for (int i = 0; i < inputThenTimes.length; i += 2) {
                flaky.crashesLeft.put((String) inputThenTimes[i], new AtomicInteger((Integer) inputThenTimes[i + 1]));
            }
            return flaky;
        }

        /** {@code underneath}, crashing on the scripted inputs first. */
        Worker around(Worker underneath) {
            return input -> {
                attempts.computeIfAbsent(input, k -> new AtomicInteger()).incrementAndGet();
                AtomicInteger left = crashesLeft.get(input);
                if (left != null && left.getAndUpdate(n -> n == ALWAYS || n == 0 ? n : n - 1) > 0) {
                    throw new IllegalStateException(input + " crashes the worker");
                }
                return underneath.handle(input);
            };
        }

        /** A child of echo workers that crash as scripted. */
        Child child(String name, String... inputs) {
            return new Child(name, List.of(inputs), () -> around(echo()));
        }

        /** How many times {@code input} was handed to a worker, crash or not. */
        int attemptsAt(String input) {
            AtomicInteger n = attempts.get(input);
            return n == null ? 0 : n.get();
        }
    }

    /** A worker's call that first takes {@code time} on {@code clock} (a virtual-time scheduler), for the Reactor core's {@code work}. */
    static BiFunction<Worker, String, Mono<String>> takes(Scheduler clock, Duration time) {
        return (worker, input) -> Mono.delay(time, clock).then(Mono.fromCallable(() -> worker.handle(input)));
    }

    /** The times of every start of {@code child} (milliseconds since the run began). */
    static List<Long> starts(List<Event> events, String child) {
        return events.stream().filter(e -> e instanceof Event.Started && e.child().equals(child)).map(Event::at).toList();
    }

    /** The times of every restart, of any child. */
    static List<Long> restartTimes(List<Event> events) {
        return new Report(events).restarts().stream().map(Event::at).toList();
    }

    /** "A@3" for each handled input: its output and when. */
    static List<String> outputsWithTimes(List<Event> events) {
        List<String> out = new ArrayList<>();
        events.stream().filter(Event.Handled.class::isInstance).map(Event.Handled.class::cast)
                .forEach(h -> out.add(h.output() + "@" + h.at()));
        return out;
    }

    /** How many restarts fell in each whole second of the first {@code seconds}. */
    static List<Long> restartsPerSecond(List<Event> events, int seconds) {
        Map<Long, Long> bySecond = restartTimes(events).stream().collect(Collectors.groupingBy(at -> at / 1000, Collectors.counting()));
        List<Long> counts = new ArrayList<>();
        for (long s = 0; s < seconds; s++) {
            counts.add(bySecond.getOrDefault(s, 0L));
        }
        return counts;
    }
}
