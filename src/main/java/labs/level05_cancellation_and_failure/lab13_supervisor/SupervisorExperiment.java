package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code labs run lab13}: every implementation supervises the same children in real time, once per
 * strategy. A child's input is a short blocking call (1 ms); the scenario decides what crashes. The
 * table shows how each run ended, what it kept (outputs) and moved aside, how often it crashed and
 * restarted, the most restarts within any one second (a storm shows here), how many extra tries
 * the inputs took, and how many calls were still running when {@code run} returned. With
 * {@code --inject crash-loop} the broken {@link NoBackoffSupervisor} runs too, as its own row. What
 * is printed below the table is read from the rows.
 */
public final class SupervisorExperiment extends DescribedExperiment {

    static final Setting CHILDREN = Setting.wholeNumber("children", "how many children the supervisor has (default 3)", 1, 16);
    static final Setting INPUTS = Setting.wholeNumber("inputs", "how many inputs each child handles (default 20)", 1, 10_000);
    static final Setting INTENSITY = Setting.wholeNumber("intensity", "restarts allowed within --window-ms before giving up (default 20; 3 with escalation)", 1, 1_000);
    static final Setting WINDOW = Setting.wholeNumber("window-ms", "the intensity's window, in ms (default 1000)", 1, 86_400_000);
    static final Setting MIN_BACKOFF = Setting.wholeNumber("min-backoff-ms", "the first restart's delay, in ms (default 10)", 1, 60_000);
    static final Setting MAX_BACKOFF = Setting.wholeNumber("max-backoff-ms", "the longest restart delay, in ms (default 1000)", 1, 86_400_000);
    static final Setting POISON_AFTER = Setting.wholeNumber("poison-after", "crashes an input may cause before it is moved aside (default 3)", 1, 100);

    static final List<Choice> SCENARIOS = List.of(
            new Choice("crash-loop", "a dependency every child needs is down for the first 150 ms: every start fails; also without backoff"),
            new Choice("poison", "input 5 of the first child crashes every worker: moved aside after --poison-after tries"),
            new Choice("state-loss", "each worker numbers what it handled; the first child crashes halfway: the numbering restarts, the outputs stay"),
            new Choice("escalation", "the first child's dependency never comes back: more restarts than the intensity allows, the supervisor gives up"));

    /** How long the crash-loop scenario's dependency is down. */
    static final Duration OUTAGE = Duration.ofMillis(150);
    private static final long CALL_NANOS = Duration.ofMillis(1).toNanos();
    private static final double JITTER = 0.5;

    public SupervisorExperiment() {
        super(Supervisor.IMPLEMENTATIONS.choices(),
                SCENARIOS,
                List.of(CHILDREN, INPUTS, INTENSITY, WINDOW, MIN_BACKOFF, MAX_BACKOFF, POISON_AFTER));
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        String scenario = request.scenario(SCENARIOS).orElse("none");
        int children = request.wholeNumber(CHILDREN, 3);
        int inputs = request.wholeNumber(INPUTS, 20);
        long minBackoff = request.wholeNumber(MIN_BACKOFF, 10L);
        long maxBackoff = request.wholeNumber(MAX_BACKOFF, 1_000L);
        if (maxBackoff < minBackoff) {
            throw new BadInputException(MAX_BACKOFF.option() + " (" + maxBackoff + ") must be at least " + MIN_BACKOFF.option() + " (" + minBackoff + ")");
        }
        if (scenario.equals("poison") && inputs < 6) {
            throw new BadInputException("--inject poison needs --inputs 6 or more (input 5 is the poison; got " + inputs + ")");
        }
        RestartPolicy policy = RestartPolicy.backoff(Duration.ofMillis(minBackoff), Duration.ofMillis(maxBackoff))
                .withJitter(JITTER)
                .withIntensity(request.wholeNumber(INTENSITY, scenario.equals("escalation") ? 3 : 20), Duration.ofMillis(request.wholeNumber(WINDOW, 1_000L)))
                .withPoisonAfter(request.wholeNumber(POISON_AFTER, 3));
        return out -> printTo(out, impls, scenario, children, inputs, policy);
    }

    private static void printTo(PrintStream out, List<String> impls, String scenario, int children, int inputs, RestartPolicy policy) {
        out.printf("%d children x %d inputs (~1 ms each); backoff %s doubling to %s, jitter %.0f %%; intensity %d restarts per %s; poison after %d; scenario: %s%n%n",
                children, inputs, RestartPolicy.readable(policy.minBackoff()), RestartPolicy.readable(policy.maxBackoff()), JITTER * 100,
                policy.maxRestarts(), RestartPolicy.readable(policy.window()), policy.maxAttemptsPerInput(), scenario);
        Table table = new Table("impl", "strategy", "outcome", "outputs", "aside", "crashes", "restarts", "peak restarts/s", "extra tries", "running after", "ms");
        List<Observed> rows = new ArrayList<>();
        for (String impl : impls) {
            for (Strategy strategy : Strategy.values()) {
                rows.add(runOnce(impl, strategy.label(), scenario, children, inputs,
                        world -> Supervisor.IMPLEMENTATIONS.create(impl).create(policy, strategy).run(world)));
            }
        }
        if (scenario.equals("crash-loop")) {
            rows.add(runOnce("no-backoff", "one-for-one", scenario, children, inputs, world -> noBackoff(world, policy)));
        }
        rows.forEach(r -> table.row(r.impl, r.strategy, r.outcome(), r.outputs, r.aside, r.crashes, r.restarts, r.peakPerSecond, r.extraTries, r.runningAfter,
                "%.0f".formatted(r.wallMillis)));
        table.print(out);
        out.println();
        out.println(readingOf(rows, scenario, children, inputs, policy));
    }

    /** The broken variant through a blocking edge of its own: restarts at once, gives up after the intensity's count of restarts per child. */
    private static Report noBackoff(List<Child> children, RestartPolicy policy) {
        List<Event> seen = new ArrayList<>();
        try {
            new NoBackoffSupervisor(policy.maxRestarts(), Schedulers.boundedElastic())
                    .supervise(children, (worker, input) -> Mono.fromCallable(() -> Supervisor.handle(worker, input)))
                    .doOnNext(seen::add)
                    .then().block();
        } catch (RuntimeException e) {
            throw new EscalationException(policy, children.getFirst().name(), e, new Report(seen));
        }
        return new Report(seen);
    }

    @FunctionalInterface
    private interface Supervise {
        Report run(List<Child> children);
    }

    private record Observed(String impl, String strategy, boolean gaveUp, long endedAt, String failure, int outputs, int aside, int crashes,
                            int restarts, int peakPerSecond, int extraTries, int runningAfter, double wallMillis, boolean numberingRestarted) {
        String outcome() {
            return failure != null ? "FAILED: " + failure : gaveUp ? "gave up at " + endedAt + " ms" : "completed";
        }
    }

    /** The scripted world of one run: what crashes, the dependency's outage, and what the workers saw. */
    private static final class World {
        final String scenario;
        /** When the first start was tried: the outage begins then, not when the JVM was still loading classes. */
        final java.util.concurrent.atomic.AtomicLong firstStart = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
        final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> crashesLeft = new ConcurrentHashMap<>();
        final AtomicInteger inCall = new AtomicInteger();

        World(String scenario) {
            this.scenario = scenario;
        }

        boolean dependencyDown(int child) {
            long now = System.nanoTime();
            firstStart.compareAndSet(Long.MIN_VALUE, now);
            return scenario.equals("crash-loop") && now - firstStart.get() < OUTAGE.toNanos()
                    || scenario.equals("escalation") && child == 0;
        }

        Child child(int c, int inputs) {
            String name = "child" + c;
            List<String> items = IntStream.range(0, inputs).mapToObj(i -> name + "-" + i).toList();
            for (int i = 0; i < inputs; i++) {
                int crashes = switch (scenario) {
                    case "none" -> i % 7 == 3 ? 1 : 0;                                   // a transient crash now and then
                    case "poison" -> c == 0 && i == 5 ? Integer.MAX_VALUE : 0;
                    case "state-loss" -> c == 0 && i == inputs / 2 ? 1 : 0;
                    default -> 0;
                };
                crashesLeft.put(items.get(i), new AtomicInteger(crashes));
            }
            return new Child(name, items, () -> {
                if (dependencyDown(c)) {
                    throw new IllegalStateException("dependency down");
                }
                AtomicInteger handled = new AtomicInteger(); // the worker's own state: lost with it
                return input -> call(input, handled);
            });
        }

        private String call(String input, AtomicInteger handled) {
            tries.computeIfAbsent(input, k -> new AtomicInteger()).incrementAndGet();
            inCall.incrementAndGet();
            try {
                LockSupport.parkNanos(CALL_NANOS); // the blocking call a worker makes (workers run where blocking is allowed)
                if (crashesLeft.get(input).getAndUpdate(n -> n == Integer.MAX_VALUE || n == 0 ? n : n - 1) > 0) {
                    throw new IllegalStateException(input + " crashes the worker");
                }
                return input.toUpperCase(Locale.ROOT) + "#" + handled.incrementAndGet();
            } finally {
                inCall.decrementAndGet();
            }
        }
    }

    private static Observed runOnce(String impl, String strategy, String scenario, int childCount, int inputs, Supervise supervise) {
        World world = new World(scenario);
        List<Child> children = IntStream.range(0, childCount).mapToObj(c -> world.child(c, inputs)).toList();
        long start = System.nanoTime();
        Report report;
        boolean gaveUp = false;
        String failure = null;
        try {
            report = supervise.run(children);
        } catch (EscalationException e) {
            report = e.report();
            gaveUp = true;
        } catch (RuntimeException e) {
            report = new Report(List.of());
            failure = e.toString();
        }
        double wall = (System.nanoTime() - start) / 1e6;
        int runningAfter = world.inCall.get();
        List<Event> events = report.events();
        long endedAt = events.isEmpty() ? 0 : events.getLast().at();
        int outputs = events.stream().mapToInt(e -> e instanceof Event.Handled ? 1 : 0).sum();
        int aside = events.stream().mapToInt(e -> e instanceof Event.MovedAside ? 1 : 0).sum();
        int extraTries = world.tries.values().stream().mapToInt(n -> n.get() - 1).sum();
        boolean numberingRestarted = report.outputs("child0").stream().skip(1).anyMatch(o -> o.endsWith("#1"));
        return new Observed(impl, strategy, gaveUp, endedAt, failure, outputs, aside, report.crashes().size(), report.restarts().size(),
                peakPerSecond(report), extraTries, runningAfter, wall, numberingRestarted);
    }

    /** The most restarts within any one second of the run. */
    private static int peakPerSecond(Report report) {
        List<Long> times = report.restarts().stream().map(Event::at).toList();
        int peak = 0;
        for (int first = 0, last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= 1000) {
                first++;
            }
            peak = Math.max(peak, last - first + 1);
        }
        return peak;
    }

    /** What this run showed, in words computed from its rows — never a claim the rows could contradict. */
    private static String readingOf(List<Observed> rows, String scenario, int children, int inputs, RestartPolicy policy) {
        StringBuilder out = new StringBuilder();
        List<Observed> reference = rows.stream().filter(r -> !r.impl().equals("no-backoff")).toList();
        List<String> failed = rows.stream().filter(r -> r.failure() != null).map(r -> r.impl() + "/" + r.strategy()).toList();
        if (!failed.isEmpty()) {
            out.append("This run: FAILED (not a crash nor giving up) in ").append(String.join(", ", failed)).append(".\n");
        }
        List<String> stillRunning = rows.stream().filter(r -> r.runningAfter() > 0).map(r -> r.impl() + "/" + r.strategy() + " " + r.runningAfter()).toList();
        out.append(stillRunning.isEmpty()
                ? "No worker call was still running when run returned."
                : "Worker calls still unwinding when run returned (cancellation is a request): " + String.join(", ", stillRunning) + ".");
        out.append('\n');
        int all = children * inputs;
        switch (scenario) {
            case "crash-loop" -> {
                List<String> recovered = reference.stream().filter(r -> !r.gaveUp() && r.outputs() == all).map(r -> r.impl() + "/" + r.strategy()).toList();
                out.append(recovered.size() == reference.size()
                                ? "With backoff every run waited out the " + OUTAGE.toMillis() + " ms outage and handled all " + all + " inputs"
                                : "With backoff, " + recovered.size() + " of " + reference.size() + " runs waited out the outage")
                        .append(" (peak restarts/s: ").append(range(reference.stream().map(r -> (long) r.peakPerSecond()).toList())).append(").");
                rows.stream().filter(r -> r.impl().equals("no-backoff")).findFirst().ifPresent(storm -> out.append(storm.gaveUp()
                        ? "\nWithout backoff: " + storm.restarts() + " restarts, then it gave up at " + storm.endedAt() + " ms — the restart budget spent inside a "
                                + OUTAGE.toMillis() + " ms outage."
                        : "\nWithout backoff it did not give up this time: " + storm.restarts() + " restarts (the outage ended first)."));
            }
            case "poison" -> out.append(reference.stream().allMatch(r -> r.aside() == 1 && r.outputs() == all - 1)
                    ? "Every run moved the poison input aside after " + policy.maxAttemptsPerInput() + " tries and handled the other " + (all - 1) + "."
                    : "Moved aside / outputs per run differ from 1 / " + (all - 1) + ": " + String.join(", ",
                            reference.stream().map(r -> r.impl() + "/" + r.strategy() + " " + r.aside() + "/" + r.outputs()).toList()) + ".");
            case "state-loss" -> out.append(reference.stream().allMatch(r -> r.outputs() == all && r.numberingRestarted())
                    ? "Every run kept all " + all + " outputs (the supervisor's), while child0's numbering started again at #1 after the crash (the worker's state, lost)."
                            + "\nExtra tries: the crashed input, plus, one-for-all, each sibling's input in flight: " + extraTries(reference) + "."
                    : "Outputs / numbering restarted per run: " + String.join(", ",
                            reference.stream().map(r -> r.impl() + "/" + r.strategy() + " " + r.outputs() + "/" + r.numberingRestarted()).toList()) + ".");
            case "escalation" -> out.append(reference.stream().allMatch(Observed::gaveUp)
                    ? "Every run gave up after " + policy.maxRestarts() + " restarts within " + RestartPolicy.readable(policy.window())
                            + " (at " + range(reference.stream().map(Observed::endedAt).toList()) + " ms); the parent learned it once, as the EscalationException,"
                            + " and the other children were stopped with " + range(reference.stream().map(r -> (long) r.outputs()).toList()) + " outputs kept."
                    : "Not every run gave up: " + String.join(", ", reference.stream().filter(r -> !r.gaveUp()).map(r -> r.impl() + "/" + r.strategy()).toList())
                            + ". Backoff and intensity are chosen together: with --max-backoff-ms " + policy.maxBackoff().toMillis()
                            + ", at most about " + Math.max(1, policy.window().toMillis() / policy.maxBackoff().toMillis()) + " restarts fit in one window"
                            + " once the backoff is capped, so an intensity above that never fires.");
            default -> out.append(reference.stream().allMatch(r -> !r.gaveUp() && r.outputs() == all)
                    ? "Every run completed with all " + all + " outputs; transient crashes: " + range(reference.stream().map(r -> (long) r.crashes()).toList())
                            + ", extra tries " + extraTries(reference) + " (one-for-all redoes the siblings' inputs in flight)."
                    : "Runs that did not complete with all " + all + " outputs: " + String.join(", ",
                            reference.stream().filter(r -> r.gaveUp() || r.outputs() != all).map(r -> r.impl() + "/" + r.strategy()).toList()) + ".");
        }
        return out.toString();
    }

    private static String range(List<Long> values) {
        long min = values.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        return min == max ? String.valueOf(min) : min + " to " + max;
    }

    private static String extraTries(List<Observed> rows) {
        return String.join(", ", rows.stream().map(r -> r.impl() + "/" + r.strategy() + " " + r.extraTries()).toList());
    }

}
