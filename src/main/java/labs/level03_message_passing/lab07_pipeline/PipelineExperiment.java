package labs.level03_message_passing.lab07_pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import labs.support.Choice;
import labs.support.CpuWork;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;

/**
 * {@code labs run lab07}: three CPU-bound stages of different speeds (parse 1x, enrich 3x, store 2x
 * a small unit of work) over the same items, for every implementation and for a plain loop on one
 * thread (the limit a pipeline must beat). The table shows throughput, the most items in flight
 * against the contract's bound, how many items the source gave, the teardown time (from the last
 * stage's last item, or the failure, to {@code process} returning with every thread ended) and how
 * each run ended; the lines after it say what this run showed.
 *
 * <p>The stages run on the implementations' stage threads (Reactor's are non-blocking): they do CPU
 * work and update atomics, nothing that can park.
 */
public final class PipelineExperiment extends DescribedExperiment {

    static final Setting BUFFER = Setting.wholeNumber("buffer", "items each boundary between stages holds (default 16)", 1, 4096);
    static final Setting ITEMS = Setting.wholeNumber("items", "items the source gives (default 5000)", 1, 1_000_000);

    static final List<Choice> SCENARIOS = List.of(
            new Choice("slow-stage", "the last stage is 10x slower: backpressure bounds the items in flight"),
            new Choice("cancel", "take a tenth of the items: the source stops for good"),
            new Choice("mid-stage-error", "the middle stage throws: the pipeline is torn down, reported once"));
    private static final double UNIT_MILLIS = 0.02;
    private static final int PARSE_UNITS = 1;
    private static final int ENRICH_UNITS = 3;
    private static final String LOOP = "loop (1 thread)";

    public PipelineExperiment() {
        super(Pipeline.IMPLEMENTATIONS.choices(),
                SCENARIOS,
                List.of(BUFFER, ITEMS));
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        Optional<String> scenario = request.scenario(SCENARIOS);
        int buffer = request.wholeNumber(BUFFER, 16);
        int items = request.wholeNumber(ITEMS, 5_000);
        return out -> printTo(out, impls, scenario.orElse("none"), buffer, items);
    }

    /** One row of the table, kept to compute what the run showed. {@code failure} is null when the run did not fail. */
    private record Observed(String impl, double wallMillis, long outputs, long maxInFlight, long bound, long pulled,
                            double teardownMillis, String failure) {
        double itemsPerSecond() {
            return outputs * 1000.0 / wallMillis;
        }
    }

    private static void printTo(PrintStream out, List<String> impls, String scenario, int buffer, int items) {
        CpuWork unit = CpuWork.calibrate(UNIT_MILLIS);
        long limit = scenario.equals("cancel") ? Math.max(1, items / 10) : Long.MAX_VALUE;
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("%d items through parse (%d unit) -> enrich (%d) -> store (%d), 1 unit ~%.0f us CPU, buffer %d, %d cores; scenario: %s%n%n",
                items, PARSE_UNITS, ENRICH_UNITS, storeUnits(scenario), UNIT_MILLIS * 1000, buffer, cores, scenario);
        Table table = new Table("impl", "wall ms", "items/s", "max in flight", "bound", "pulled", "teardown ms", "outcome");
        Optional<Observed> loop = scenario.equals("cancel") ? Optional.empty() : Optional.of(loop(unit, scenario, items));
        loop.ifPresent(row -> table.row(LOOP, "%.0f".formatted(row.wallMillis()), "%.0f".formatted(row.itemsPerSecond()), 1, 1, row.pulled(), "-",
                row.failure() == null ? row.outputs() + " items out" : "failed once: " + row.failure()));
        List<Observed> runs = new ArrayList<>();
        for (String impl : impls) {
            Observed run = runOnce(impl, Pipeline.IMPLEMENTATIONS.create(impl), unit, scenario, buffer, items, limit);
            runs.add(run);
            String outcome = run.failure() != null ? "failed once: " + run.failure()
                    : run.outputs() + " items out" + (scenario.equals("cancel") ? " of an endless source, then cancelled" : "");
            table.row(impl, "%.0f".formatted(run.wallMillis()), "%.0f".formatted(run.itemsPerSecond()), run.maxInFlight(), run.bound(),
                    run.pulled(), "%.1f".formatted(run.teardownMillis()), outcome);
        }
        table.print(out);
        out.println();
        out.println(readingOf(runs, loop, scenario, limit, cores));
    }

    private static Observed runOnce(String impl, Pipeline.Factory factory, CpuWork unit, String scenario, int buffer, int items, long limit) {
        AtomicLong pulled = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong maxInFlight = new AtomicLong();
        AtomicLong lastEvent = new AtomicLong(System.nanoTime());
        Pipeline pipeline = factory.create(stages(unit, scenario, pulled, completed, maxInFlight, lastEvent), buffer);
        Iterator<Long> source = source(scenario.equals("cancel") ? Long.MAX_VALUE : items, pulled);
        long start = System.nanoTime();
        long outputs;
        String failure = null;
        try {
            outputs = pipeline.process(source, limit).size();
        } catch (StageFailedException e) {
            outputs = completed.get();
            failure = e.getMessage();
        }
        long end = System.nanoTime();
        return new Observed(impl, (end - start) / 1e6, outputs, maxInFlight.get(), pipeline.inFlightBound(), pulled.get(),
                (end - lastEvent.get()) / 1e6, failure);
    }

    /** The single-threaded limit: the same three functions, one item at a time, no hand-offs. */
    private static Observed loop(CpuWork unit, String scenario, int items) {
        List<Stage> stages = stages(unit, scenario, new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
        long start = System.nanoTime();
        long count = 0;
        String failure = null;
        try {
            for (long i = 0; i < items; i++) {
                long x = i;
                for (Stage stage : stages) {
                    x = stage.apply(x);
                }
                count++;
            }
        } catch (StageFailedException e) {
            failure = e.getMessage();
        }
        return new Observed(LOOP, (System.nanoTime() - start) / 1e6, count, 1, 1, count, 0, failure);
    }

    private static int storeUnits(String scenario) {
        return scenario.equals("slow-stage") ? 20 : 2;
    }

    /** {@code lastEvent}: when the last stage last finished an item, or a stage failed — teardown is measured from it. */
    private static List<Stage> stages(CpuWork unit, String scenario, AtomicLong pulled, AtomicLong completed, AtomicLong maxInFlight, AtomicLong lastEvent) {
        int storeUnits = storeUnits(scenario);
        return List.of(
                new Stage("parse", x -> x + work(unit, PARSE_UNITS)),  // work() is 0: the item keeps its number
                new Stage("enrich", x -> {
                    if (scenario.equals("mid-stage-error") && x >= 1_000 && x % 1_000 < 10) {
                        // only one of these can ever be reported: the first tears the rest down
                        lastEvent.set(System.nanoTime());
                        throw new IllegalStateException("injected failure");
                    }
                    return x + work(unit, ENRICH_UNITS);
                }),
                new Stage("store", x -> {
                    long y = x + work(unit, storeUnits);
                    // Measured as the last stage takes an item: pulled but not yet out of the last stage, a
                    // lower estimate of "in flight" (not yet delivered to the consumer), so <= bound must hold.
                    maxInFlight.accumulateAndGet(pulled.get() - completed.incrementAndGet() + 1, Math::max);
                    lastEvent.set(System.nanoTime());
                    return y;
                }));
    }

    /** Runs the work and returns 0 — in a way the JIT cannot see through, so the work is kept. */
    private static long work(CpuWork unit, int times) {
        long h = 0;
        for (int i = 0; i < times; i++) {
            h += unit.run();
        }
        return h == 0x5DEECE66DL ? 1 : 0;
    }

    private static Iterator<Long> source(long items, AtomicLong pulled) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pulled.get() < items;
            }

            @Override
            public Long next() {
                return pulled.getAndIncrement();
            }
        };
    }

    /** What this run showed, in words computed from its rows — never a claim the rows could contradict. */
    private static String readingOf(List<Observed> runs, Optional<Observed> loop, String scenario, long limit, int cores) {
        if (runs.isEmpty()) {
            return "This run: no pipeline ran.";
        }
        StringBuilder out = new StringBuilder("This run: ");
        switch (scenario) {
            case "cancel" -> {
                long most = runs.stream().mapToLong(r -> r.pulled() - r.outputs()).max().orElseThrow();
                out.append("the source was pulled ").append(range(runs, Observed::pulled)).append(" times for ").append(limit)
                        .append(" items used: at most ").append(most).append(" more than used (")
                        .append(byImpl(runs, r -> String.valueOf(r.pulled() - r.outputs()))).append(").\n")
                        .append("Downstream took its items and cancelled; every stage stopped, the source with it.");
            }
            case "mid-stage-error" -> {
                List<String> silent = runs.stream().filter(r -> r.failure() == null).map(Observed::impl).toList();
                List<String> messages = runs.stream().map(Observed::failure).filter(m -> m != null).distinct().toList();
                out.append(silent.isEmpty()
                                ? "every implementation reported the failure once"
                                : "NOT reported by " + String.join(", ", silent) + " (a contract break)")
                        .append(messages.size() == 1 ? ": " + messages.getFirst() : messages.isEmpty() ? "" : " (" + messages.size() + " different messages)")
                        .append(".\nPulled before everything stopped: ").append(byImpl(runs, r -> String.valueOf(r.pulled())))
                        .append("; teardown after the failure: ").append(byImpl(runs, r -> "%.1f ms".formatted(r.teardownMillis()))).append('.');
            }
            default -> {
                Observed fastest = runs.stream().max(Comparator.comparingDouble(Observed::itemsPerSecond)).orElseThrow();
                out.append("fastest pipeline ").append(fastest.impl()).append(" at ").append("%.0f".formatted(fastest.itemsPerSecond())).append(" items/s");
                loop.ifPresent(l -> {
                    List<String> beat = runs.stream().filter(r -> r.wallMillis() < l.wallMillis())
                            .map(r -> r.impl() + " %.2fx".formatted(l.wallMillis() / r.wallMillis())).toList();
                    out.append(", the loop at ").append("%.0f".formatted(l.itemsPerSecond())).append(" items/s; ")
                            .append(beat.isEmpty() ? "no pipeline beat the loop" : "faster than the loop: " + String.join(", ", beat))
                            .append(".\n");
                    int store = storeUnits(scenario);
                    int total = PARSE_UNITS + ENRICH_UNITS + store;
                    int slowest = Math.max(Math.max(PARSE_UNITS, ENRICH_UNITS), store);
                    double best = Math.min((double) total / slowest, cores);
                    out.append("A pipeline overlaps its stages; it cannot beat its slowest stage (").append(slowest).append(" of the ")
                            .append(total).append(" units per item) nor use more than ").append(cores).append(" cores: at best ")
                            .append("%.1fx".formatted(best)).append(" the loop here, less a hand-off per item per stage.");
                    double seen = l.wallMillis() / fastest.wallMillis();
                    if (seen > best * 1.1) {
                        out.append("\n").append(fastest.impl()).append("'s ").append("%.2fx".formatted(seen))
                                .append(" is more than overlap allows: the rows ran at different moments of a busy machine"
                                        + " (the loop got less CPU than the pipelines); rerun it when the machine is quiet.");
                    }
                });
            }
        }
        List<String> over = runs.stream().filter(r -> r.maxInFlight() > r.bound()).map(Observed::impl).toList();
        Observed fullest = runs.stream().max(Comparator.comparingLong(Observed::maxInFlight)).orElseThrow();
        out.append('\n').append(over.isEmpty()
                ? "'max in flight' stayed within 'bound' in every run (at most " + fullest.maxInFlight() + " of " + fullest.bound() + ", " + fullest.impl() + ")."
                : "CONTRACT BROKEN: more items in flight than 'bound' in " + String.join(", ", over) + ".");
        return out.toString();
    }

    private static String range(List<Observed> runs, java.util.function.ToLongFunction<Observed> value) {
        long low = runs.stream().mapToLong(value).min().orElseThrow();
        long high = runs.stream().mapToLong(value).max().orElseThrow();
        return low == high ? String.valueOf(low) : low + "–" + high;
    }

    private static String byImpl(List<Observed> runs, java.util.function.Function<Observed, String> value) {
        return runs.stream().map(r -> r.impl() + " " + value.apply(r)).collect(Collectors.joining(", "));
    }
}
