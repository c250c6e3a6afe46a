package labs.level03_message_passing.lab07_pipeline;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import labs.support.CpuWork;
import labs.support.Experiment;
import labs.support.Choice;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;

/**
 * {@code labs run lab07}: three CPU-bound stages of different speeds (parse 1x, enrich 3x, store 2x
 * a small unit of work) over the same items, for every implementation and for a plain loop on one
 * thread (the limit: a pipeline on 2 cores can at best overlap its stages). The table shows
 * throughput, the most items in flight against the contract's bound, how many items the source
 * gave, the teardown time (from the last stage's last item, or the failure, to {@code process}
 * returning with every thread ended) and how each run ended.
 */
public final class PipelineExperiment implements Experiment {

    static final Setting BUFFER = Setting.wholeNumber("buffer", "items each boundary between stages holds (default 16)", 1, 4096);
    static final Setting ITEMS = Setting.wholeNumber("items", "items the source gives (default 5000)", 1, 1_000_000);

    static final List<Choice> SCENARIOS = List.of(new Choice("slow-stage", "the last stage is 10x slower: backpressure bounds the items in flight"), new Choice("cancel", "take a tenth of the items: the source stops for good"), new Choice("mid-stage-error", "the middle stage throws: the pipeline is torn down, reported once"));
    private static final double UNIT_MILLIS = 0.02;

    @Override
    public List<Choice> implementations() {
        return Implementations.choices();
    }

    @Override
    public List<Choice> scenarios() {
        return SCENARIOS;
    }

    @Override
    public List<Setting> settings() {
        return List.of(BUFFER, ITEMS);
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        Optional<String> scenario = request.scenario(SCENARIOS);
        int buffer = request.wholeNumber(BUFFER, 16);
        int items = request.wholeNumber(ITEMS, 5_000);
        return out -> printTo(out, impls, scenario.orElse("none"), buffer, items);
    }

    private static void printTo(PrintStream out, List<String> impls, String scenario, int buffer, int items) {
        CpuWork unit = CpuWork.calibrate(UNIT_MILLIS);
        long limit = scenario.equals("cancel") ? items / 10 : Long.MAX_VALUE;
        out.printf("%d items through parse (1 unit) -> enrich (3) -> store (%d), 1 unit ~%.0f us CPU, buffer %d, %d cores; scenario: %s%n%n",
                items, scenario.equals("slow-stage") ? 20 : 2, UNIT_MILLIS * 1000, buffer, Runtime.getRuntime().availableProcessors(), scenario);
        Table table = new Table("impl", "wall ms", "items/s", "max in flight", "bound", "pulled", "teardown ms", "outcome");
        if (!scenario.equals("cancel")) {
            loopRow(table, unit, scenario, items);
        }
        for (String impl : impls) {
            AtomicLong pulled = new AtomicLong();
            AtomicLong completed = new AtomicLong();
            AtomicLong maxInFlight = new AtomicLong();
            AtomicLong lastEvent = new AtomicLong(System.nanoTime());
            Pipeline pipeline = Implementations.byLabel(impl).create(stages(unit, scenario, pulled, completed, maxInFlight, lastEvent), buffer);
            Iterator<Long> source = source(scenario.equals("cancel") ? Long.MAX_VALUE : items, pulled);
            long start = System.nanoTime();
            String outcome;
            long outputs;
            try {
                outputs = pipeline.process(source, limit).size();
                outcome = outputs + " items out" + (scenario.equals("cancel") ? " of an endless source, then cancelled" : "");
            } catch (StageFailedException e) {
                outputs = completed.get();
                outcome = "failed once: " + e.getMessage();
            }
            long end = System.nanoTime();
            double wall = (end - start) / 1e6;
            table.row(impl, "%.0f".formatted(wall), "%.0f".formatted(outputs * 1000.0 / wall), maxInFlight.get(),
                    pipeline.inFlightBound(), pulled.get(), "%.1f".formatted((end - lastEvent.get()) / 1e6), outcome);
        }
        table.print(out);
        out.println();
        out.println(explanation(scenario));
    }

    /** The single-threaded limit: the same three functions, one item at a time, no hand-offs. */
    private static void loopRow(Table table, CpuWork unit, String scenario, int items) {
        AtomicLong ignored = new AtomicLong();
        List<Stage> stages = stages(unit, scenario, ignored, new AtomicLong(), new AtomicLong(), new AtomicLong());
        long start = System.nanoTime();
        long count = 0;
        String outcome;
        try {
            for (long i = 0; i < items; i++) {
                long x = i;
                for (Stage stage : stages) {
                    x = stage.apply(x);
                }
                count++;
            }
            outcome = count + " items out";
        } catch (StageFailedException e) {
            outcome = "failed once: " + e.getMessage();
        }
        double wall = (System.nanoTime() - start) / 1e6;
        table.row("loop (1 thread)", "%.0f".formatted(wall), "%.0f".formatted(count * 1000.0 / wall), 1, 1, count, "-", outcome);
    }

    /** {@code lastEvent}: when the last stage last finished an item, or a stage failed — teardown is measured from it. */
    private static List<Stage> stages(CpuWork unit, String scenario, AtomicLong pulled, AtomicLong completed, AtomicLong maxInFlight, AtomicLong lastEvent) {
        int storeCost = scenario.equals("slow-stage") ? 20 : 2;
        return List.of(
                new Stage("parse", x -> x + work(unit, 1)),  // work() is 0: the item keeps its number
                new Stage("enrich", x -> {
                    if (scenario.equals("mid-stage-error") && x >= 1_000 && x % 1_000 < 10) {
                        // only one of these can ever be reported: the first tears the rest down
                        lastEvent.set(System.nanoTime());
                        throw new IllegalStateException("injected failure");
                    }
                    return x + work(unit, 3);
                }),
                new Stage("store", x -> {
                    long y = x + work(unit, storeCost);
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

    private static String explanation(String scenario) {
        return switch (scenario) {
            case "slow-stage" -> """
                    'store' is 10x slower than before. Its buffer fills, the stages before it wait, and the
                    source is pulled only as fast as 'store' drains: 'max in flight' stays within 'bound'.
                    Throughput is set by the slowest stage; a pipeline cannot beat its bottleneck.""";
            case "cancel" -> """
                    An endless source; downstream wants a tenth of the items and then cancels. The source is
                    pulled at most 'bound' items more than were used ('pulled'), and every stage stops.""";
            case "mid-stage-error" -> """
                    'enrich' fails at item 1000. The failure is reported once, naming the stage and the item;
                    the stages around it are stopped (cancelled or interrupted) and every thread ends.""";
            default -> """
                    The loop does all the work on one thread with no hand-offs. A pipeline overlaps its
                    stages, so on 2 cores it can approach 2x the loop, minus the cost of each hand-off
                    (a queue put/take, or a publishOn/observeOn hop). 'max in flight' <= 'bound' always.""";
        };
    }
}
