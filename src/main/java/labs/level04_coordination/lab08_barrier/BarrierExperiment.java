package labs.level04_coordination.lab08_barrier;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.CpuWork;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;

/**
 * {@code labs run lab08}: every implementation runs the same parties through the same phases in real
 * time, each party doing ~2 ms of CPU work per phase. The table shows how long a phase took (from the
 * first party starting it to the first party starting the next), how the run ended, and how the
 * other parties learned of a break. {@code --inject} adds one failure theme.
 */
public final class BarrierExperiment extends DescribedExperiment {

    static final List<Choice> SCENARIOS = List.of(
            new Choice("slow-party", "party 0 works 5x longer every phase: every phase lasts as long as it"),
            new Choice("never-arrives", "the last party never arrives in phase 1: the phase timeout breaks it for everyone"),
            new Choice("failure", "party 1 throws in phase 1: every other party is released, no later phase starts"),
            new Choice("leave", "the last party leaves after phase 1: a Phaser goes on without it (phaser implementations only)"));
    static final Setting PARTIES = Setting.wholeNumber("parties", "how many parties meet at the barrier (default 4)", 1, 256);
    static final Setting PHASES = Setting.wholeNumber("phases", "how many phases they run (default 20)", 1, 10_000);
    static final Setting TIMEOUT = Setting.wholeNumber("timeout-ms", "how long a phase waits for a party before it breaks, in ms (default 1000)", 1, 60_000);
    static final double WORK_MILLIS = 2;
    static final int SLOW = 5;
    /** How long the injected "never arrives" party waits to be released before it gives up (it never should). */
    private static final Duration NEVER_BOUND = Duration.ofSeconds(30);

    public BarrierExperiment() {
        super(Barrier.IMPLEMENTATIONS.choices(),
                SCENARIOS,
                List.of(PARTIES, PHASES, TIMEOUT));
    }

    @Override
    public Run prepare(Request request) {
        Optional<String> scenario = request.scenario(SCENARIOS);
        List<String> impls = request.implementations(implementations());
        int parties = request.wholeNumber(PARTIES, 4);
        int phases = request.wholeNumber(PHASES, 20);
        int timeoutMillis = request.wholeNumber(TIMEOUT, 1000);
        if (scenario.isPresent() && parties < 2) {
            throw new BadInputException("--inject " + scenario.get() + " needs --parties >= 2 (got " + parties + "): one party has nobody to wait for");
        }
        if (scenario.filter(s -> !s.equals("slow-party")).isPresent() && phases < 3) {
            throw new BadInputException("--inject " + scenario.get() + " needs --phases >= 3 (got " + phases + "): it strikes in phase 1");
        }
        if (scenario.filter("leave"::equals).isPresent()) {
            if (request.has("impl") && !isPhaser(impls.getFirst())) {
                throw new BadInputException("--inject leave needs a Phaser (--impl phaser-platform or phaser-virtual): "
                        + impls.getFirst() + " has a fixed party count");
            }
            impls = impls.stream().filter(BarrierExperiment::isPhaser).toList();
        }
        List<String> chosen = impls;
        return out -> printTo(out, chosen, scenario.orElse("none"), parties, phases, Duration.ofMillis(timeoutMillis));
    }

    private static boolean isPhaser(String impl) {
        return impl.startsWith("phaser-");
    }

    private static void printTo(PrintStream out, List<String> impls, String scenario, int parties, int phases, Duration timeout) {
        CpuWork unit = CpuWork.calibrate(WORK_MILLIS);
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("%d parties x %d phases, ~%.0f ms of CPU work per party per phase, phase timeout %d ms, %d cores; scenario: %s%n%n",
                parties, phases, WORK_MILLIS, timeout.toMillis(), cores, scenario);
        Table table = new Table("impl", "phases done", "mean phase ms", "max phase ms", "outcome", "others released by");
        List<Observed> runs = new ArrayList<>();
        for (String impl : impls) {
            Observed run;
            try (Barrier barrier = Barrier.IMPLEMENTATIONS.create(impl).open(parties, timeout)) {
                run = runOnce(barrier, unit, scenario, phases);
            }
            runs.add(run);
            table.row(impl, run.phasesDone(), "%.1f".formatted(run.meanPhaseMillis()), "%.1f".formatted(run.maxPhaseMillis()), run.outcome(), run.releasedBy());
        }
        table.print(out);
        out.println();
        out.println(readingOf(runs, scenario, parties, cores, timeout));
    }

    /** One run as it looked from the inside. */
    record Observed(String impl, int phasesDone, double meanPhaseMillis, double maxPhaseMillis, String outcome, String releasedBy,
                    Optional<Throwable> failure, double brokeAfterMillis, List<Integer> valuesPerPhase) {
    }

    static Observed runOnce(Barrier barrier, CpuWork unit, String scenario, int phases) {
        int parties = barrier.parties();
        int last = parties - 1;
        AtomicLongArray phaseStart = new AtomicLongArray(phases);
        for (int i = 0; i < phases; i++) {
            phaseStart.set(i, Long.MAX_VALUE);
        }
        PartyWork<Long> work = (party, phase) -> {
            phaseStart.accumulateAndGet(phase, System.nanoTime(), Math::min);
            if (scenario.equals("never-arrives") && party == last && phase == 1) {
                // Never arrives: waits to be released (interrupted or cancelled), which every
                // implementation does once the phase breaks. The bound only keeps a broken one from hanging the CLI.
                if (!new CountDownLatch(1).await(NEVER_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("party " + party + " was never released: the barrier did not break in " + NEVER_BOUND);
                }
            }
            if (scenario.equals("failure") && party == 1 && phase == 1) {
                throw new IllegalStateException("injected failure");
            }
            long result = 0;
            int units = scenario.equals("slow-party") && party == 0 ? SLOW : 1;
            for (int i = 0; i < units; i++) {
                result += unit.run();
            }
            return result;
        };
        long start = System.nanoTime();
        List<Phase<Long>> done = List.of();
        Optional<Throwable> failure = Optional.empty();
        try {
            done = scenario.equals("leave") && barrier instanceof PhaserParties phaser
                    ? phaser.run(leaving(parties, phases), work)
                    : barrier.run(phases, work);
        } catch (BarrierBrokenException e) {
            failure = Optional.of(e);
        }
        long end = System.nanoTime();
        // The phases completed: all of them, or those before the one that broke.
        int completed = failure.map(e -> ((BarrierBrokenException) e).phase()).orElse(done.size());
        List<Double> durations = new ArrayList<>();
        for (int phase = 0; phase < completed; phase++) {
            // A phase lasts from its first party beginning it to the first party beginning the next (or the run's end).
            long next = phase + 1 < phases && phaseStart.get(phase + 1) != Long.MAX_VALUE ? phaseStart.get(phase + 1) : end;
            durations.add((next - phaseStart.get(phase)) / 1e6);
        }
        double mean = durations.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double max = durations.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double brokeAfter = failure.isPresent() && phases > 1 && phaseStart.get(1) != Long.MAX_VALUE ? (end - phaseStart.get(1)) / 1e6 : 0;
        String outcome = failure.map(Throwable::getMessage).orElse("all " + done.size() + " phases");
        return new Observed(barrier.name(), completed, mean, max, outcome, releasedBy(barrier, failure), failure, brokeAfter,
                done.stream().map(p -> p.values().size()).toList());
    }

    /** The last party stays for phases 0 and 1 only; the others for every phase. */
    static List<Integer> leaving(int parties, int phases) {
        List<Integer> stays = new ArrayList<>(Collections.nCopies(parties, phases));
        stays.set(parties - 1, 2);
        return stays;
    }

    /**
     * How the other parties learned of a break: the exceptions the thread-based barriers attach,
     * counted by kind; the others saw the failure before they waited, and stopped without one.
     */
    private static String releasedBy(Barrier barrier, Optional<Throwable> failure) {
        if (failure.isEmpty()) {
            return "-";
        }
        if (barrier instanceof ReactorLockStep || barrier instanceof RxJavaLockStep) {
            return "cancellation (no exception)";
        }
        Map<String, Long> kinds = new TreeMap<>();
        for (Throwable learned : failure.get().getSuppressed()) {
            // A party interrupted in its work reports it as its own failure, caused by the interrupt.
            Throwable how = learned instanceof PartyFailedException && learned.getCause() != null ? learned.getCause() : learned;
            kinds.merge(how.getClass().getSimpleName(), 1L, Long::sum);
        }
        List<String> ways = new ArrayList<>(kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
        long quiet = barrier.parties() - 1 - failure.get().getSuppressed().length;
        if (quiet > 0) {
            ways.add(quiet + " saw it before waiting");
        }
        return String.join(", ", ways);
    }

    /** What this run showed, in words computed from its rows — never a claim the rows could contradict. */
    static String readingOf(List<Observed> runs, String scenario, int parties, int cores, Duration timeout) {
        if (runs.isEmpty()) {
            return "No implementation ran.";
        }
        StringBuilder out = new StringBuilder();
        List<Observed> whole = runs.stream().filter(r -> r.failure().isEmpty()).toList();
        double ideal = WORK_MILLIS * Math.ceil((double) parties / cores);
        switch (scenario) {
            case "slow-party" -> {
                double slowWork = SLOW * WORK_MILLIS;
                out.append("This run: mean phase ms — ").append(list(runs, r -> "%.1f".formatted(r.meanPhaseMillis())))
                        .append("; party 0 alone works ~").append("%.0f".formatted(slowWork)).append(" ms per phase.\n");
                out.append("Every phase lasts as long as its slowest party: the other ").append(parties - 1)
                        .append(" parties' ~").append("%.0f".formatted(WORK_MILLIS)).append(" ms of work");
                whole.stream().min(Comparator.comparingDouble(Observed::meanPhaseMillis)).ifPresentOrElse(
                        best -> out.append(" is ").append("%.0f".formatted(100 * WORK_MILLIS / best.meanPhaseMillis()))
                                .append("% of the shortest mean phase (").append(best.impl()).append("): they wait for the rest."),
                        () -> out.append(" could not be compared: no run completed (try a longer --timeout-ms)."));
            }
            case "never-arrives" -> {
                List<String> hung = runs.stream().filter(r -> !(r.failure().orElse(null) instanceof PhaseTimeoutException)).map(Observed::impl).toList();
                out.append(hung.isEmpty()
                        ? "This run: every implementation broke phase 1 instead of waiting for ever — "
                        : "CONTRACT BROKEN this run: no phase timeout from " + String.join(", ", hung) + "; the others — ");
                out.append(list(runs.stream().filter(r -> r.failure().isPresent()).toList(), r -> "%.0f ms".formatted(r.brokeAfterMillis())))
                        .append(" after phase 1 began, for a timeout of ").append(timeout.toMillis()).append(" ms.\n")
                        .append("The thread barriers count the timeout from each party's own arrival, the reactive ones from the phase's start.");
            }
            case "failure" -> {
                List<String> silent = runs.stream().filter(r -> !(r.failure().orElse(null) instanceof PartyFailedException)).map(Observed::impl).toList();
                out.append(silent.isEmpty()
                        ? "This run: every implementation reported party 1's failure in phase 1 and started no later phase"
                        : "CONTRACT BROKEN this run: party 1's failure NOT reported by " + String.join(", ", silent));
                out.append(" (phases done: ").append(list(runs, r -> String.valueOf(r.phasesDone()))).append(").\n")
                        .append("How the others learned: ").append(runs.stream().map(r -> r.impl() + " " + r.releasedBy()).collect(Collectors.joining("; "))).append('.');
            }
            case "leave" -> {
                out.append("This run: ");
                out.append(list(runs, r -> r.failure().isPresent() ? "broke (" + r.outcome() + ")"
                        : r.phasesDone() + " phases, values per phase " + summary(r.valuesPerPhase())));
                out.append(".\nA Phaser lets a party leave (arriveAndDeregister): the later phases complete without it. "
                        + "A CyclicBarrier's party count is fixed, and a zip cannot lose a source: to them a party that leaves is one that never arrives.");
            }
            default -> {
                Optional<Observed> fastest = whole.stream().min(Comparator.comparingDouble(Observed::meanPhaseMillis));
                Optional<Observed> slowest = whole.stream().max(Comparator.comparingDouble(Observed::meanPhaseMillis));
                if (fastest.isPresent() && slowest.isPresent()) {
                    out.append("This run: mean phase from ").append("%.1f".formatted(fastest.get().meanPhaseMillis())).append(" ms (")
                            .append(fastest.get().impl()).append(") to ").append("%.1f".formatted(slowest.get().meanPhaseMillis()))
                            .append(" ms (").append(slowest.get().impl()).append("); with ").append(parties).append(" parties on ")
                            .append(cores).append(" cores a phase cannot take less than ~").append("%.0f".formatted(ideal))
                            .append(" ms of work. The rest is parties waiting for a core, and the barrier waking them when the last one arrives.");
                }
                List<String> broke = runs.stream().filter(r -> r.failure().isPresent()).map(Observed::impl).toList();
                if (!broke.isEmpty()) {
                    out.append(out.isEmpty() ? "" : "\n").append("Broke with nothing injected: ").append(String.join(", ", broke))
                            .append(" — a phase took longer than the timeout; on a loaded machine, raise --timeout-ms.");
                }
            }
        }
        return out.toString();
    }

    private static String list(List<Observed> runs, java.util.function.Function<Observed, String> what) {
        return runs.stream().map(r -> r.impl() + " " + what.apply(r)).collect(Collectors.joining(", "));
    }

    /** {@code [4, 4, 3, 3, 3]} as {@code 4 x2, then 3 x3}. */
    private static String summary(List<Integer> values) {
        List<String> runsOf = new ArrayList<>();
        for (int i = 0; i < values.size(); ) {
            int j = i;
            while (j < values.size() && values.get(j).equals(values.get(i))) {
                j++;
            }
            runsOf.add(values.get(i) + " x" + (j - i));
            i = j;
        }
        return String.join(", then ", runsOf);
    }
}
