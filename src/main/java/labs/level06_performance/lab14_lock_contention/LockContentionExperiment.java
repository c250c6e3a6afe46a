package labs.level06_performance.lab14_lock_contention;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Setting;
import labs.support.SvgChart;
import labs.support.Table;

/**
 * {@code labs run lab14}: every way of sharing one count, swept from 1 thread to past the cores —
 * each cell runs its writers for {@code --millis} and counts what they added — then each
 * implementation once more at the most threads under JFR, to show who waited and how. What it
 * prints after each table is computed from that table ({@link ContentionReading}); {@code --chart}
 * draws the sweep. A quick look, not a benchmark: the figures for NOTES.md come from JMH
 * ({@code ContentionBench}, {@code LaneBench}, {@code HandoffBench}, {@code FalseSharingBench}).
 *
 * <p>{@code --inject} picks one failure or comparison instead: {@code collapse} (the locks swept to
 * 8 x cores), {@code false-sharing}, {@code handoff}.
 */
public final class LockContentionExperiment extends DescribedExperiment {

    static final String COLLAPSE = "collapse";
    static final String FALSE_SHARING = "false-sharing";
    static final String HANDOFF = "handoff";
    static final List<Choice> SCENARIOS = List.of(
            new Choice(COLLAPSE, "the locks swept to 8 x cores threads: throughput falling as threads grow (fair, unfair, synchronized unless --impl)"),
            new Choice(FALSE_SHARING, "two writers, each with a count of its own: side by side in one cache line, then 128 bytes apart"),
            new Choice(HANDOFF, "one producer, one consumer: ArrayBlockingQueue against Reactor's lock-free ring, publishOn and observeOn"));
    static final List<String> COLLAPSE_DEFAULTS = List.of("reentrant-fair", "reentrant-unfair", "synchronized");

    static final Setting THREADS = Setting.wholeNumber("threads", "one thread count instead of the sweep (1, 2, 4 … to 2 x cores; 8 x cores with collapse)", 1, 1024);
    static final Setting MILLIS = Setting.wholeNumber("millis", "how long each cell's writers run, in ms (default 100)", 10, 60_000);
    static final Setting CHART = Setting.file("chart", "also draw the sweep into this SVG file: throughput against threads", ".svg");

    static final int DEFAULT_MILLIS = 100;
    static final int WARM_UP_MILLIS = 20;
    static final long HANDOFF_ITEMS = 2_000_000;

    public LockContentionExperiment() {
        super(ContendedCount.IMPLEMENTATIONS.choices(),
                SCENARIOS,
                List.of(THREADS, MILLIS, CHART));
    }

    @Override
    public Run prepare(Request request) {
        Optional<String> scenario = request.scenario(SCENARIOS);
        List<String> impls = request.implementations(implementations());
        int cores = Runtime.getRuntime().availableProcessors();
        int millis = request.wholeNumber(MILLIS, DEFAULT_MILLIS);
        Optional<Path> chart = request.file(CHART);
        if (scenario.filter(s -> s.equals(FALSE_SHARING) || s.equals(HANDOFF)).isPresent()) {
            String s = scenario.get();
            for (String option : List.of("impl", THREADS.name(), CHART.name())) {
                if (request.has(option)) {
                    throw new BadInputException("--" + option + " belongs to the thread sweep, which --inject " + s + " replaces"
                            + (s.equals(HANDOFF) ? " (it runs every hand-off, one producer and one consumer)" : " (it runs two writers)")
                            + ": drop one of them");
                }
            }
            if (s.equals(HANDOFF) && request.has(MILLIS.name())) {
                throw new BadInputException("--millis sets how long a cell runs; --inject handoff hands over a fixed " + HANDOFF_ITEMS + " items: drop one of them");
            }
            return s.equals(HANDOFF) ? out -> handoff(out) : out -> falseSharing(out, millis, cores);
        }
        boolean collapse = scenario.isPresent();
        List<Integer> sweep = request.has(THREADS.name()) ? List.of(request.wholeNumber(THREADS, 1)) : sweep(cores, collapse ? 8 : 2);
        List<String> chosen = collapse && !request.has("impl") ? COLLAPSE_DEFAULTS : impls;
        StringBuilder command = new StringBuilder("labs run lab14"); // for the chart's caption
        scenario.ifPresent(s -> command.append(" --inject ").append(s));
        if (request.has("impl")) {
            command.append(" --impl ").append(impls.getFirst());
        }
        if (request.has(THREADS.name())) {
            command.append(' ').append(THREADS.option()).append(' ').append(sweep.getFirst());
        }
        if (request.has(MILLIS.name())) {
            command.append(' ').append(MILLIS.option()).append(' ').append(millis);
        }
        return out -> sweep(out, chosen, sweep, millis, cores, chart, command.toString());
    }

    /** 1, 2, 4 … up to the first power of two at least {@code times x cores}. */
    static List<Integer> sweep(int cores, int times) {
        List<Integer> counts = new ArrayList<>();
        for (int t = 1; ; t *= 2) {
            counts.add(t);
            if (t >= times * cores) {
                return counts;
            }
        }
    }

    private static void sweep(PrintStream out, List<String> impls, List<Integer> sweep, int millis, int cores, Optional<Path> chart,
            String command) {
        out.printf("Each cell: W writer threads add to one count for %d ms; %d cores; threads %s.%n%n", millis, cores, sweep);
        Table table = new Table("impl", "threads", "increments", "ops/µs", "vs 1st", "lost");
        List<ContentionReading.Row> rows = new ArrayList<>();
        for (String impl : impls) {
            ContendedCount count = ContendedCount.IMPLEMENTATIONS.create(impl).get();
            count.count(2, Long.MAX_VALUE, forMillis(WARM_UP_MILLIS)); // warm-up: class loading and JIT, discarded
            double first = 0;
            for (int threads : sweep) {
                Tally tally = count.count(threads, Long.MAX_VALUE, forMillis(millis));
                rows.add(new ContentionReading.Row(impl, threads, tally));
                first = first == 0 ? tally.perMicrosecond() : first;
                table.row(impl, threads, tally.counted(), "%.2f".formatted(tally.perMicrosecond()),
                        "%.2fx".formatted(tally.perMicrosecond() / Math.max(1e-9, first)), tally.lost());
            }
        }
        table.print(out);
        out.println();
        out.println(ContentionReading.sweep(rows, cores));
        profile(out, impls, sweep.getLast(), millis);
        if (chart.isPresent()) {
            writeChart(chart.get(), rows, command);
            out.println();
            out.println("Chart: " + chart.get());
        }
    }

    /** Each implementation once more at {@code threads}, under JFR: who waited, how often, how long. */
    private static void profile(PrintStream out, List<String> impls, int threads, int millis) {
        out.println();
        out.printf("Where the contention is — JFR (jdk.JavaMonitorEnter, jdk.ThreadPark) over one more run of each at %d threads:%n", threads);
        Table table = new Table("impl", "increments", "monitor waits", "blocked ms", "parks", "parked ms", "waits / 1000 incr");
        List<ContentionReading.ProfiledRow> rows = new ArrayList<>();
        for (String impl : impls) {
            ContendedCount count = ContendedCount.IMPLEMENTATIONS.create(impl).get();
            var profiled = ContentionProfile.record(() -> count.count(threads, Long.MAX_VALUE, forMillis(millis)));
            ContentionProfile.Profile p = profiled.profile();
            Tally tally = profiled.result();
            rows.add(new ContentionReading.ProfiledRow(impl, threads, tally, p));
            table.row(impl, tally.counted(), p.monitorWaits(), "%.1f".formatted(p.monitorWaited().toNanos() / 1e6), p.parks(),
                    "%.1f".formatted(p.parked().toNanos() / 1e6), tally.counted() == 0 ? "-" : "%.2f".formatted(p.waitsPerThousand(tally.counted())));
        }
        table.print(out);
        out.println();
        out.println(ContentionReading.profile(rows));
    }

    private static void falseSharing(PrintStream out, int millis, int cores) {
        out.printf("Two writer threads, each adding to a volatile long of its own for %d ms; %d cores.%n%n", millis, cores);
        TwoWriters.run(new AdjacentCounters(), Long.MAX_VALUE, forMillis(WARM_UP_MILLIS)); // warm-up, discarded
        TwoWriters.run(new PaddedCounters(), Long.MAX_VALUE, forMillis(WARM_UP_MILLIS));
        TwoWriters.Outcome adjacent = TwoWriters.run(new AdjacentCounters(), Long.MAX_VALUE, forMillis(millis));
        TwoWriters.Outcome padded = TwoWriters.run(new PaddedCounters(), Long.MAX_VALUE, forMillis(millis));
        Table table = new Table("layout", "first", "second", "ops/µs (both)");
        table.row("adjacent (8 bytes apart)", adjacent.first(), adjacent.second(), "%.2f".formatted(adjacent.perMicrosecond()));
        table.row("padded (128 bytes apart)", padded.first(), padded.second(), "%.2f".formatted(padded.perMicrosecond()));
        table.print(out);
        out.println();
        out.println(ContentionReading.falseSharing(adjacent, padded, cores));
    }

    private static void handoff(PrintStream out) {
        out.printf("One producer thread hands %d items to one consumer thread through a bound of %d; %d cores.%n%n",
                HANDOFF_ITEMS, Handoff.CAPACITY, Runtime.getRuntime().availableProcessors());
        Table table = new Table("hand-off", "items", "M items/s", "ms", "parks (JFR run)", "parked ms");
        List<ContentionReading.HandoffRow> rows = new ArrayList<>();
        for (var impl : Handoff.IMPLEMENTATIONS) {
            Handoff handoff = impl.create().get();
            handoff.transfer(HANDOFF_ITEMS / 10); // warm-up, discarded
            Transfer transfer = handoff.transfer(HANDOFF_ITEMS);
            ContentionProfile.Profile profile = ContentionProfile.record(() -> handoff.transfer(HANDOFF_ITEMS)).profile();
            rows.add(new ContentionReading.HandoffRow(impl.name(), transfer, profile));
            table.row(impl.name(), transfer.received(), "%.2f".formatted(transfer.perSecond() / 1e6), "%.0f".formatted(transfer.elapsed().toNanos() / 1e6),
                    profile.parks(), "%.1f".formatted(profile.parked().toNanos() / 1e6));
        }
        table.print(out);
        out.println();
        out.println(ContentionReading.handoff(rows));
    }

    /**
     * A stop that says true once {@code millis} have passed since it was first asked — by the first
     * writer, right after the writers were let go. A deadline set before the call would also count
     * the time to start the threads: under JFR or on a busy machine, 16 threads took longer to start
     * than a cell lasts, and every writer stopped before its first increment.
     */
    static BooleanSupplier forMillis(int millis) {
        AtomicLong deadline = new AtomicLong(); // 0: not asked yet
        return () -> {
            long now = System.nanoTime();
            long until = deadline.get();
            if (until == 0) {
                deadline.compareAndSet(0, now + millis * 1_000_000L);
                until = deadline.get();
            }
            return now >= until;
        };
    }

    static void writeChart(Path file, List<ContentionReading.Row> rows, String command) {
        String svg = SvgChart.svg("lab14 lock contention: one count, more and more threads", ContentionReading.panels(rows), 2,
                SvgChart.machine(LocalDate.now()) + "; " + command);
        try {
            SvgChart.write(file, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chart to " + file, e);
        }
    }
}
