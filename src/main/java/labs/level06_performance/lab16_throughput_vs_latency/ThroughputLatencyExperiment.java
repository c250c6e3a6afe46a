package labs.level06_performance.lab16_throughput_vs_latency;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Setting;
import labs.support.SvgChart;
import labs.support.Table;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code labs run lab16}: the latency curve, live. An open loop sweeps the offered rate from a
 * quarter of the service's capacity to past it, against each implementation, and prints p50, p99,
 * p99.9 (from each request's intended start) with Little's law checked on every row; then a closed
 * loop at the highest rate, for contrast. {@code --chart FILE.svg} draws the curves.
 * {@code --inject stall} stops every worker for a second, under an open and a closed loop: the
 * coordinated-omission gap. {@code --inject overload} offers 150 % of capacity: queue buildup.
 * Everything printed after a table is computed from that run.
 */
public final class ThroughputLatencyExperiment extends DescribedExperiment {

    static final String STALL = "stall";
    static final String OVERLOAD = "overload";
    static final List<Choice> SCENARIOS = List.of(
            new Choice(STALL, "every worker takes no work for 1 s in the middle of a run at half capacity: open loop against closed loop"),
            new Choice(OVERLOAD, "offer 150 % of capacity: the queue, and the latency, grow for as long as the load lasts"));

    static final Setting WORKERS = Setting.wholeNumber("workers", "batches in service at once (default 4)", 1, 256);
    static final Setting REQUEST_US = Setting.wholeNumber("request-us", "service time each request adds, µs, exponentially spread (default 250)", 0, 1_000_000);
    static final Setting BATCH_US = Setting.wholeNumber("batch-us", "service time a batch costs whatever its size, µs (default 1000)", 0, 1_000_000);
    static final Setting BATCH = Setting.wholeNumber("batch", "requests per batch at most: bufferTimeout's size (default 1: no batching)", 1, 1024);
    static final Setting BATCH_TIMEOUT_US = Setting.wholeNumber("batch-timeout-us", "how long a batch waits for more requests, µs (default 2000)", 1, 10_000_000);
    static final Setting RATE = Setting.wholeNumber("rate", "one offered rate, requests/s, instead of the sweep", 1, 1_000_000);
    static final Setting SECONDS = Setting.wholeNumber("seconds", "how long each run offers its load (default 1; the stall scenario: 3)", 1, 60);
    static final Setting CHART = Setting.file("chart", "also draw the sweep into this SVG file: latency percentiles and throughput against offered rate", ".svg");

    /** The sweep, as fractions of capacity: slow, then dense around the knee, then past it. */
    static final List<Double> SWEEP = List.of(0.25, 0.5, 0.7, 0.8, 0.9, 0.95, 1.05);
    /** The gauge's period, live. */
    static final Duration SAMPLE_EVERY = Duration.ofMillis(1);
    /** Little's law is checked within this. */
    static final double LITTLE_TOLERANCE = 0.05;

    public ThroughputLatencyExperiment() {
        super(Service.IMPLEMENTATIONS.choices(),
                SCENARIOS,
                List.of(WORKERS, REQUEST_US, BATCH_US, BATCH, BATCH_TIMEOUT_US, RATE, SECONDS, CHART));
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        Optional<String> scenario = request.scenario(SCENARIOS);
        long requestUs = request.wholeNumber(REQUEST_US, 250L);
        long batchUs = request.wholeNumber(BATCH_US, 1000L);
        if (requestUs == 0 && batchUs == 0) {
            throw new BadInputException(REQUEST_US.option() + " and " + BATCH_US.option() + " are both 0: a request must cost some time");
        }
        ServiceSpec spec = new ServiceSpec(request.wholeNumber(WORKERS, 4), Duration.ofNanos(batchUs * 1000), Duration.ofNanos(requestUs * 1000),
                ServiceSpec.Spread.EXPONENTIAL, request.wholeNumber(BATCH, 1), Duration.ofNanos(request.wholeNumber(BATCH_TIMEOUT_US, 2000L) * 1000), 0, 0);
        Optional<Long> rate = request.has(RATE.name()) ? Optional.of(request.wholeNumber(RATE, 1L)) : Optional.empty();
        Duration seconds = Duration.ofSeconds(request.wholeNumber(SECONDS, STALL.equals(scenario.orElse("")) ? 3 : 1));
        Optional<Path> chart = request.file(CHART);
        if (chart.isPresent() && (scenario.isPresent() || rate.isPresent())) {
            throw new BadInputException(CHART.option() + " draws the sweep, which " + (scenario.isPresent() ? "--inject " + scenario.get() : RATE.option())
                    + " replaces: drop one of them");
        }
        if (STALL.equals(scenario.orElse("")) && seconds.toSeconds() < 3) {
            throw new BadInputException("--inject stall needs " + SECONDS.option() + " >= 3 (a second before the stall, the stall, a second after; got "
                    + seconds.toSeconds() + ")");
        }
        String command = command(request, impls);
        return out -> {
            out.println("Service: " + spec.describe() + "; capacity about " + Math.round(spec.capacityPerSecond()) + " requests/s with full batches.");
            Scheduler load = ownThread("lab16-load");
            Scheduler gauge = ownThread("lab16-gauge");
            try {
                for (String impl : impls) {
                    // Warm-up, not shown: class loading and the JIT would otherwise make the first row's sender late.
                    run(impl, spec, open(Math.max(1, Math.round(spec.capacityPerSecond() / 2)), Duration.ofSeconds(1), load), gauge);
                }
                switch (scenario.orElse("")) {
                    case STALL -> stall(out, impls, spec, rate.orElse(Math.max(1, Math.round(spec.capacityPerSecond() / 2))), seconds, load, gauge);
                    case OVERLOAD -> overload(out, impls, spec, rate.orElse(Math.max(1, Math.round(spec.capacityPerSecond() * 1.5))), seconds, load, gauge);
                    default -> sweep(out, impls, spec, rate, seconds, load, gauge, chart, command);
                }
            } finally {
                load.dispose();
                gauge.dispose();
            }
        };
    }

    /**
     * A scheduler on one platform thread of the experiment's own. Not {@code Schedulers.newSingle}:
     * its thread is a non-blocking one, and the sender takes the edge's monitor for each submit while
     * the gauge reads the histograms (which may yield) — both allowed here, neither on a non-blocking
     * thread. Disposing it shuts the thread down.
     */
    static Scheduler ownThread(String name) {
        return Schedulers.fromExecutorService(
                Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().name(name).daemon(true).unstarted(task)), name);
    }

    private static String command(Request request, List<String> impls) {
        StringBuilder command = new StringBuilder("labs run lab16");
        if (request.has("impl")) {
            command.append(" --impl ").append(impls.getFirst());
        }
        for (Setting setting : List.of(WORKERS, REQUEST_US, BATCH_US, BATCH, BATCH_TIMEOUT_US, SECONDS)) {
            if (request.has(setting.name())) {
                command.append(' ').append(setting.option()).append(' ').append(request.wholeNumber(setting, 0L));
            }
        }
        return command.toString();
    }

    /** One load test, live: a fresh service, the generator's schedule, every answer; the service closed after. */
    static LoadResult run(String impl, ServiceSpec spec, LoadGenerator generator, Scheduler gauge) {
        try (Service service = Service.IMPLEMENTATIONS.create(impl).start(spec)) {
            return LoadTest.measure(generator, service, gauge, System::nanoTime, SAMPLE_EVERY).block();
        }
    }

    private static OpenLoop open(long rate, Duration seconds, Scheduler load) {
        return new OpenLoop(rate, seconds, load, System::nanoTime);
    }

    /** A row of the sweep. */
    record Row(String impl, LoadResult result) {
    }

    private static void sweep(PrintStream out, List<String> impls, ServiceSpec spec, Optional<Long> rate, Duration seconds, Scheduler load,
            Scheduler gauge, Optional<Path> chart, String command) {
        List<Long> rates = rate.map(List::of).orElseGet(() -> SWEEP.stream().map(f -> Math.max(1, Math.round(f * spec.capacityPerSecond()))).toList());
        List<Row> rows = new ArrayList<>();
        Table table = latencyTable();
        for (String impl : impls) {
            for (long offered : rates) {
                LoadResult result = run(impl, spec, open(offered, seconds, load), gauge);
                rows.add(new Row(impl, result));
                latencyRow(table, impl, result, spec);
            }
            // The closed loop beside it, at the highest rate: as many clients as workers.
            LoadResult closed = run(impl, spec, new ClosedLoop(rates.getLast(), seconds, spec.workers(), load, System::nanoTime), gauge);
            latencyRow(table, impl, closed, spec);
            rows.add(new Row(impl, closed));
        }
        table.print(out);
        out.println();
        for (String impl : impls) {
            List<LoadResult> open = rows.stream().filter(r -> r.impl().equals(impl) && r.result().load().equals("open loop")).map(Row::result).toList();
            LoadResult closed = rows.stream().filter(r -> r.impl().equals(impl) && !r.result().load().equals("open loop")).map(Row::result).findFirst().orElseThrow();
            out.println(impl + ": " + knee(open, spec) + " " + closedAgainstOpen(open.getLast(), closed));
        }
        out.println(little(rows.stream().map(Row::result).toList()));
        chart.ifPresent(file -> {
            writeChart(file, rows, impls, command);
            out.println("Chart: " + file);
        });
    }

    static Table latencyTable() {
        return new Table("impl", "load", "offered/s", "achieved/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "naive p99 ms", "sent late ms", "L", "λW", "L/λW");
    }

    static void latencyRow(Table table, String impl, LoadResult r, ServiceSpec spec) {
        table.row(impl, r.load(), Math.round(r.offeredPerSecond()) + " (" + Math.round(100 * r.offeredPerSecond() / spec.capacityPerSecond()) + " %)",
                Math.round(r.achievedPerSecond()), ms(r.millis(50)), ms(r.millis(99)), ms(r.millis(99.9)), ms(r.fromIntended().getMaxValue() / 1e6),
                ms(r.naiveMillis(99)), ms(r.maxSentLateNanos() / 1e6), "%.2f".formatted(r.sampledInFlight()), "%.2f".formatted(r.littleLambdaW()),
                "%.3f".formatted(r.littleRatio()));
    }

    private static String ms(double millis) {
        return "%.2f".formatted(millis);
    }

    /** The knee: the first offered rate whose p99 is more than five times the lightest load's. */
    static String knee(List<LoadResult> open, ServiceSpec spec) {
        if (open.size() < 2) {
            return "one rate: no knee to find (drop " + RATE.option() + " to sweep).";
        }
        double base = open.getFirst().millis(99);
        for (LoadResult r : open) {
            if (r.millis(99) > 5 * base) {
                return "the knee: p99 first passed 5 x its light-load value (%.2f ms) at %d/s, %d %% of capacity (p99 %.2f ms)."
                        .formatted(base, Math.round(r.offeredPerSecond()), Math.round(100 * r.offeredPerSecond() / spec.capacityPerSecond()), r.millis(99));
            }
        }
        return "p99 stayed within 5 x its light-load value (%.2f ms) at every rate of this run: no knee seen.".formatted(base);
    }

    /** What the closed loop reported at the same offered rate as the open loop's last row. */
    static String closedAgainstOpen(LoadResult open, LoadResult closed) {
        return "At %d/s offered, the %s sent %d/s (it waits for answers) and reported p99 %.2f ms from its real sends; the open loop, p99 %.2f ms."
                .formatted(Math.round(open.offeredPerSecond()), closed.load(), Math.round(closed.achievedPerSecond()), closed.naiveMillis(99), open.millis(99));
    }

    /** Little's law over the rows: how far the worst one was from L = λW. */
    static String little(List<LoadResult> results) {
        LoadResult worst = results.stream().filter(r -> !Double.isNaN(r.littleRatio()))
                .max((a, b) -> Double.compare(Math.abs(a.littleRatio() - 1), Math.abs(b.littleRatio() - 1))).orElse(null);
        if (worst == null) {
            return "Little's law: no run lasted a gauge period.";
        }
        double off = Math.abs(worst.littleRatio() - 1);
        return "Little's law (L sampled every %d ms against λ x mean response): the worst of %d runs was %.1f %% off (%s at %d/s): %s."
                .formatted(SAMPLE_EVERY.toMillis(), results.size(), 100 * off, worst.load(), Math.round(worst.offeredPerSecond()),
                        off <= LITTLE_TOLERANCE ? "within 5 % on every run" : "MORE than 5 % off: the gauge, the clock or the window disagree");
    }

    private static void stall(PrintStream out, List<String> impls, ServiceSpec base, long rate, Duration seconds, Scheduler load, Scheduler gauge) {
        Table table = latencyTable();
        List<String> lines = new ArrayList<>();
        for (String impl : impls) {
            // The stall is on the run's clock: from 1 s after the load starts, for 1 s.
            long t0 = System.nanoTime();
            LoadResult open = run(impl, base.withStall(t0 + 1_000_000_000L, t0 + 2_000_000_000L), open(rate, seconds, load), gauge);
            long t1 = System.nanoTime();
            LoadResult closed = run(impl, base.withStall(t1 + 1_000_000_000L, t1 + 2_000_000_000L),
                    new ClosedLoop(rate, seconds, base.workers(), load, System::nanoTime), gauge);
            latencyRow(table, impl, open, base);
            latencyRow(table, impl, closed, base);
            double afterTheFact = LoadResult.millis(closed.naiveCorrectedAfterTheFact(LoadGenerator.offsetNanos(base.workers(), rate)), 99);
            lines.add(("%s: the closed loop's naive p99 was %.2f ms and the open loop's %.2f ms (%.0f x); read from the intended starts, the closed loop's own"
                    + " p99 is %.2f ms, and HdrHistogram's after-the-fact correction gives %.2f ms. The closed loop sent its latest request %.0f ms late.")
                    .formatted(impl, closed.naiveMillis(99), open.millis(99), open.millis(99) / Math.max(closed.naiveMillis(99), 1e-3), closed.millis(99),
                            afterTheFact, closed.maxSentLateNanos() / 1e6));
        }
        table.print(out);
        out.println();
        lines.forEach(out::println);
    }

    private static void overload(PrintStream out, List<String> impls, ServiceSpec spec, long rate, Duration seconds, Scheduler load, Scheduler gauge) {
        Table table = latencyTable();
        List<String> lines = new ArrayList<>();
        for (String impl : impls) {
            LoadResult r = run(impl, spec, open(rate, seconds, load), gauge);
            latencyRow(table, impl, r, spec);
            lines.add("%s: offered %d/s, served %d/s; the queue grew all run, so the slowest request waited %.0f ms — %.0f %% of the %d s the load lasted."
                    .formatted(impl, Math.round(r.offeredPerSecond()), Math.round(r.achievedPerSecond()), r.fromIntended().getMaxValue() / 1e6,
                            100 * r.fromIntended().getMaxValue() / 1e9 / seconds.toSeconds(), seconds.toSeconds()));
        }
        table.print(out);
        out.println();
        lines.forEach(out::println);
    }

    private static void writeChart(Path file, List<Row> rows, List<String> impls, String command) {
        List<SvgChart.Panel> panels = new ArrayList<>();
        for (double percentile : new double[] {50, 99, 99.9}) {
            panels.add(new SvgChart.Panel("latency p" + (percentile == 99.9 ? "99.9" : String.valueOf((int) percentile)) + " (from the intended start)",
                    SvgChart.Axis.linear("offered requests/s"), SvgChart.Axis.log10("ms"),
                    lines(rows, impls, r -> r.millis(percentile))));
        }
        panels.add(new SvgChart.Panel("throughput", SvgChart.Axis.linear("offered requests/s"), SvgChart.Axis.linear("answered requests/s"),
                lines(rows, impls, LoadResult::achievedPerSecond)));
        String svg = SvgChart.svg("lab16 throughput vs latency: open loop, offered rate swept", panels, 2,
                SvgChart.machine(LocalDate.now()) + "; " + command + " --chart FILE.svg");
        try {
            SvgChart.write(file, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chart to " + file, e);
        }
    }

    private static List<SvgChart.Line> lines(List<Row> rows, List<String> impls, java.util.function.ToDoubleFunction<LoadResult> y) {
        return impls.stream().map(impl -> new SvgChart.Line(impl, rows.stream()
                .filter(r -> r.impl().equals(impl) && r.result().load().equals("open loop"))
                .map(r -> new SvgChart.Point(r.result().offeredPerSecond(), y.applyAsDouble(r.result()))).toList())).toList();
    }
}
