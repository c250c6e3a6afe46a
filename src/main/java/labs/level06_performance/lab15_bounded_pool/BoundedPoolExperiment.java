package labs.level06_performance.lab15_bounded_pool;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Setting;
import labs.support.SvgChart;
import labs.support.Table;

/**
 * {@code labs run lab15}: the two halves of the lab in real time.
 *
 * <p><b>Workers</b>: every {@link BoundedWorkers} implementation runs the same jobs — each a 2 ms
 * blocking call — arriving on an open-loop schedule (at 80 % of what the workers can serve; twice
 * that with {@code --inject queue-buildup}; all at once with {@code rejection-storm}). From each
 * job's timestamps ({@link PacedJobs}) it prints how many ran, were refused or lost, the most jobs
 * waiting inside the pool and held back at the producer, and latency from each job's due time.
 *
 * <p><b>Pools</b>: clients arrive at 400 a second and hold a connection 10 ms, so Little's law says
 * L = λ·h = 4 connections are busy on average; it sweeps the pool size around that estimate for
 * each {@link ConnectionPool} and prints the measured mean in use beside it, with waits, timeouts
 * and refusals. The pool scenarios replace the sweep: {@code pool-exhaustion},
 * {@code leaked-resource}, {@code cancelled-acquirer}.
 *
 * <p>What it prints after each table is computed from that table; {@code --chart FILE.svg} draws
 * the run. Every thread it starts has ended when it returns.
 */
public final class BoundedPoolExperiment extends DescribedExperiment {

    static final String QUEUE_BUILDUP = "queue-buildup";
    static final String REJECTION_STORM = "rejection-storm";
    static final String POOL_EXHAUSTION = "pool-exhaustion";
    static final String LEAKED_RESOURCE = "leaked-resource";
    static final String CANCELLED_ACQUIRER = "cancelled-acquirer";

    static final List<Choice> SCENARIOS = List.of(
            new Choice(QUEUE_BUILDUP, "jobs arrive at twice what the workers serve; newFixedThreadPool's unbounded queue runs beside the bounded pools"),
            new Choice(REJECTION_STORM, "every job arrives at once; the discard policies run beside, losing jobs without a word"),
            new Choice(POOL_EXHAUSTION, "clients hold their connection 4x longer: acquires time out with a clear error, nothing hangs"),
            new Choice(LEAKED_RESOURCE, "every 20th client never gives its connection back: the leak report names it, the pool shrinks"),
            new Choice(CANCELLED_ACQUIRER, "every 4th client gives up half-way (interrupt or cancel); flatMap-then-release runs beside"));

    static final Setting WORKERS = Setting.wholeNumber("workers", "jobs that may run at once (default 4)", 1, 256);
    static final Setting CAPACITY = Setting.wholeNumber("capacity", "the waiting room asked for: jobs handed over that may wait for a worker (default 8)", 1, 10_000);
    static final Setting JOBS = Setting.wholeNumber("jobs", "jobs per workers run (default 400)", 1, 100_000);
    static final Setting POOL_SIZE = Setting.wholeNumber("pool-size", "one pool size instead of the sweep around Little's L (scenarios: default L + 2)", 1, 256);
    static final Setting MAX_PENDING = Setting.wholeNumber("max-pending", "clients that may wait for a connection (default 32)", 0, 10_000);
    static final Setting TIMEOUT = Setting.wholeNumber("timeout", "how long a client waits for a connection, in ms (default 100)", 1, 60_000);
    static final Setting CLIENTS = Setting.wholeNumber("clients", "clients per pool run (default 400)", 1, 100_000);
    static final Setting CHART = Setting.file("chart", "also draw the run into this SVG file", ".svg");

    /** Each job's slow call. */
    static final Duration SERVICE = Duration.ofMillis(2);
    /** How long a client holds its connection. */
    static final Duration HOLD = Duration.ofMillis(10);
    /** How long making a connection takes. */
    static final Duration MAKE = Duration.ofMillis(5);
    static final double CLIENTS_PER_SECOND = 400;

    private static final List<String> WORKER_IMPLS = BoundedWorkers.IMPLEMENTATIONS.names();
    private static final List<String> POOL_IMPLS = ConnectionPool.IMPLEMENTATIONS.names();

    /** What one run does, checked and ready. */
    private record Plan(List<String> workerImpls, List<String> poolImpls, Optional<String> scenario, boolean chosenImpl,
                        int workers, int capacity, int jobs, Optional<Integer> poolSize, int maxPending, Duration timeout,
                        int clients, Optional<Path> chart, String command) {
    }

    public BoundedPoolExperiment() {
        super(implementationChoices(),
                SCENARIOS,
                List.of(WORKERS, CAPACITY, JOBS, POOL_SIZE, MAX_PENDING, TIMEOUT, CLIENTS, CHART));
    }

    private static List<Choice> implementationChoices() {
        List<Choice> all = new ArrayList<>(BoundedWorkers.IMPLEMENTATIONS.choices());
        all.addAll(ConnectionPool.IMPLEMENTATIONS.choices());
        return all;
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        Optional<String> scenario = request.scenario(SCENARIOS);
        boolean workersPart = scenario.isEmpty() || scenario.get().equals(QUEUE_BUILDUP) || scenario.get().equals(REJECTION_STORM);
        boolean poolPart = scenario.isEmpty() || !workersPart;
        boolean chosen = request.has("impl");
        if (chosen) {
            boolean isWorker = WORKER_IMPLS.contains(impls.getFirst());
            if (scenario.isPresent() && isWorker != workersPart) {
                throw new BadInputException("--inject " + scenario.get() + " exercises the " + (workersPart ? "workers" : "pools")
                        + ", and --impl " + impls.getFirst() + " is " + (isWorker ? "a workers" : "a pool") + " implementation: drop one");
            }
            workersPart = isWorker;
            poolPart = !isWorker;
        }
        List<Setting> workerSettings = List.of(WORKERS, CAPACITY, JOBS);
        List<Setting> skipped = new ArrayList<>();
        if (!workersPart) {
            skipped.addAll(workerSettings);
        }
        if (!poolPart) {
            skipped.addAll(List.of(POOL_SIZE, MAX_PENDING, TIMEOUT, CLIENTS));
        }
        for (Setting setting : skipped) {
            if (request.has(setting.name())) {
                throw new BadInputException(setting.option() + " sets the " + (workerSettings.contains(setting) ? "workers" : "pools")
                        + ", which this run skips (" + (chosen ? "--impl " + impls.getFirst() : "--inject " + scenario.orElseThrow()) + "): drop one");
            }
        }
        int workers = request.wholeNumber(WORKERS, 4);
        int capacity = request.wholeNumber(CAPACITY, 8);
        int jobs = request.wholeNumber(JOBS, 400);
        Optional<Integer> poolSize = request.has(POOL_SIZE.name()) ? Optional.of(request.wholeNumber(POOL_SIZE, 1)) : Optional.empty();
        int maxPending = request.wholeNumber(MAX_PENDING, 32);
        Duration timeout = Duration.ofMillis(request.wholeNumber(TIMEOUT, 100));
        int clients = request.wholeNumber(CLIENTS, 400);
        Optional<Path> chart = request.file(CHART);
        StringBuilder command = new StringBuilder("labs run lab15");
        for (String option : List.of("impl", "inject")) {
            if (request.has(option)) {
                command.append(" --").append(option).append(' ').append(option.equals("impl") ? impls.getFirst() : scenario.orElseThrow());
            }
        }
        for (Setting setting : List.of(WORKERS, CAPACITY, JOBS, POOL_SIZE, MAX_PENDING, TIMEOUT, CLIENTS)) {
            if (request.has(setting.name())) {
                command.append(' ').append(setting.option()).append(' ').append(request.wholeNumber(setting, 0));
            }
        }
        Plan plan = new Plan(workersPart ? impls.stream().filter(WORKER_IMPLS::contains).toList() : List.of(),
                poolPart ? impls.stream().filter(POOL_IMPLS::contains).toList() : List.of(),
                scenario, chosen, workers, capacity, jobs, poolSize, maxPending, timeout, clients, chart, command.toString());
        return out -> run(out, plan);
    }

    private static void run(PrintStream out, Plan plan) throws InterruptedException {
        List<SvgChart.Panel> panels = new ArrayList<>();
        if (!plan.workerImpls().isEmpty()) {
            workers(out, plan, panels);
        }
        if (!plan.poolImpls().isEmpty()) {
            if (!plan.workerImpls().isEmpty()) {
                out.println();
            }
            if (plan.scenario().isEmpty()) {
                sizing(out, plan, panels);
            } else {
                poolScenario(out, plan, panels);
            }
        }
        plan.chart().ifPresent(file -> {
            String title = "lab15 bounded pool" + plan.scenario().map(s -> ": " + s).orElse(": workers under load, pool sized by Little's law");
            try {
                SvgChart.write(file, SvgChart.svg(title, panels, 2, SvgChart.machine(LocalDate.now()) + "; " + plan.command()));
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the chart to " + file, e);
            }
            out.println();
            out.println("Chart: " + file);
        });
    }

    // ---- Workers ---------------------------------------------------------------------------------

    private static void workers(PrintStream out, Plan plan, List<SvgChart.Panel> panels) {
        String scenario = plan.scenario().orElse("none");
        double serves = plan.workers() * 1e9 / SERVICE.toNanos();
        double rate = switch (scenario) {
            case QUEUE_BUILDUP -> 2 * serves;
            case REJECTION_STORM -> Double.POSITIVE_INFINITY;
            default -> 0.8 * serves;
        };
        out.printf("Workers: %d jobs, each a %d ms call; %d workers serve %.0f jobs/s; waiting room asked: %d; arrivals: %s%n%n",
                plan.jobs(), SERVICE.toMillis(), plan.workers(), serves, plan.capacity(),
                Double.isInfinite(rate) ? "all at once" : "%.0f/s (%.0f %% of what the workers serve)".formatted(rate, 100 * rate / serves));
        List<WorkersMeasurement.Row> rows = new ArrayList<>();
        for (String impl : plan.workerImpls()) {
            BoundedWorkers workers = BoundedWorkers.IMPLEMENTATIONS.create(impl).make(plan.workers(), plan.capacity());
            // A short burst first, discarded: class loading and the JIT would otherwise be measured as the pool.
            WorkersMeasurement.take(impl, "", "", workers::runAll, Math.min(plan.jobs(), 100), Double.POSITIVE_INFINITY, SERVICE);
            rows.add(WorkersMeasurement.take(impl, workers.overload() == Overload.REFUSE ? "refuses" : "holds back",
                    String.valueOf(workers.waitingRoom()), workers::runAll, plan.jobs(), rate, SERVICE));
        }
        if (!plan.chosenImpl() && scenario.equals(QUEUE_BUILDUP)) {
            rows.add(WorkersMeasurement.take("unbounded-queue", "queues", "unbounded", new UnboundedQueueWorkers(plan.workers())::runAll,
                    plan.jobs(), rate, SERVICE));
        }
        if (!plan.chosenImpl() && scenario.equals(REJECTION_STORM)) {
            for (DiscardingWorkers discarding : List.of(DiscardingWorkers.discardNewest(plan.workers(), plan.capacity()),
                    DiscardingWorkers.discardOldest(plan.workers(), plan.capacity()))) {
                rows.add(WorkersMeasurement.take(discarding.name(), "discards", String.valueOf(plan.capacity()), discarding::runAll,
                        plan.jobs(), rate, SERVICE));
            }
        }
        Table table = new Table("impl", "when full", "room", "ran", "refused", "lost", "most inside", "most held back", "producer late ms",
                "jobs/s", "p50 ms", "p99 ms");
        for (WorkersMeasurement.Row r : rows) {
            table.row(r.impl(), r.overload(), r.room(), r.ran(), r.refused(), r.lost(), r.maxInside(), r.maxHeldBack(),
                    "%.0f".formatted(r.producerLateMillis()), "%.0f".formatted(r.perSecond()), "%.1f".formatted(r.p50Millis()), "%.1f".formatted(r.p99Millis()));
        }
        table.print(out);
        out.println();
        out.println("'most inside': jobs handed over that had not started, at the worst moment — the queue, plus at most one on its way to each worker's thread;");
        out.println("'most held back': jobs due that the producer had not handed over (the wait moved upstream); 'producer late ms': how long after");
        out.println("the last job's due time the producer handed it over. Latency is from each job's due time to its end.");
        out.println(WorkersReading.of(rows, scenario, plan.workers(), plan.jobs()));
        panels.add(new SvgChart.Panel("jobs waiting inside the pool (handed over, not started)", SvgChart.Axis.linear("time (ms)"),
                SvgChart.Axis.linear("jobs"), rows.stream().map(r -> new SvgChart.Line(r.impl(), r.inside())).toList()));
        panels.add(new SvgChart.Panel("jobs held back at the producer (due, not handed over)", SvgChart.Axis.linear("time (ms)"),
                SvgChart.Axis.linear("jobs"), rows.stream().map(r -> new SvgChart.Line(r.impl(), r.heldBack())).toList()));
    }

    // ---- Pools -----------------------------------------------------------------------------------

    private static Callable<Connection> slowToMake() {
        AtomicInteger ids = new AtomicInteger();
        return () -> {
            Thread.sleep(MAKE); // making a connection is the expensive part
            return new Connection(ids.incrementAndGet());
        };
    }

    private static ConnectionPool open(String impl, int size, int maxPending) {
        return ConnectionPool.IMPLEMENTATIONS.create(impl).open(size, maxPending, slowToMake());
    }

    /** A short run first, discarded: class loading and the JIT would otherwise be measured as the pool. */
    private static void warmUp(String impl, Plan plan) throws InterruptedException {
        PoolMeasurement.blocking(impl, open(impl, 4, plan.maxPending()),
                new PoolLoad(Math.min(plan.clients(), 40), CLIENTS_PER_SECOND, HOLD, plan.timeout(), 0, 0, Duration.ZERO));
    }

    /** The sizes around Little's L: L - 2 … L + 2 and 2L, at least 1. */
    static List<Integer> sizesAround(double littlesL) {
        int l = (int) Math.ceil(littlesL);
        TreeSet<Integer> sizes = new TreeSet<>();
        for (int size : new int[] {l - 2, l - 1, l, l + 1, l + 2, 2 * l}) {
            sizes.add(Math.max(1, size));
        }
        return List.copyOf(sizes);
    }

    private static void sizing(PrintStream out, Plan plan, List<SvgChart.Panel> panels) throws InterruptedException {
        PoolLoad load = new PoolLoad(plan.clients(), CLIENTS_PER_SECOND, HOLD, plan.timeout(), 0, 0, Duration.ZERO);
        List<Integer> sizes = plan.poolSize().map(List::of).orElseGet(() -> sizesAround(load.littlesL()));
        out.printf("Pools: %d clients arriving at %.0f/s, each holding a connection %d ms (making one takes %d ms); timeout %d ms, max-pending %d%n",
                load.clients(), load.perSecond(), HOLD.toMillis(), MAKE.toMillis(), plan.timeout().toMillis(), plan.maxPending());
        out.printf("Little's law: L = λ·h = %.0f/s x %d ms = %.1f connections busy on average; sizes tried: %s%n%n",
                load.perSecond(), HOLD.toMillis(), load.littlesL(), sizes);
        List<PoolMeasurement.Row> rows = new ArrayList<>();
        for (String impl : plan.poolImpls()) {
            warmUp(impl, plan);
            for (int size : sizes) {
                rows.add(PoolMeasurement.blocking(impl, open(impl, size, plan.maxPending()), load));
            }
        }
        Table table = new Table("impl", "size", "served", "timed out", "refused", "mean in use", "L = λ·h", "mean hold ms", "p50 wait ms", "p99 wait ms", "most waiting");
        for (PoolMeasurement.Row r : rows) {
            table.row(r.impl(), r.size(), r.count(PoolMeasurement.Fate.SERVED), r.count(PoolMeasurement.Fate.TIMED_OUT),
                    r.count(PoolMeasurement.Fate.REFUSED), "%.2f".formatted(r.meanInUse()), "%.2f".formatted(r.littlesL()),
                    "%.1f".formatted(r.meanHoldMillis()), "%.1f".formatted(r.p50WaitMillis()), "%.1f".formatted(r.p99WaitMillis()), r.maxWaiting());
        }
        table.print(out);
        out.println();
        out.println(PoolReading.sizing(rows, load));
        panels.add(new SvgChart.Panel("p99 wait for a connection against pool size", SvgChart.Axis.linear("pool size"),
                SvgChart.Axis.linear("p99 wait (ms)"), linesBySize(rows, PoolMeasurement.Row::p99WaitMillis)));
        List<SvgChart.Line> inUse = new ArrayList<>(linesBySize(rows, PoolMeasurement.Row::meanInUse));
        inUse.add(new SvgChart.Line("Little's L = λ·h", sizes.stream().map(s -> new SvgChart.Point(s, load.littlesL())).toList()));
        panels.add(new SvgChart.Panel("connections in use on average against pool size", SvgChart.Axis.linear("pool size"),
                SvgChart.Axis.linear("connections"), inUse));
    }

    private static List<SvgChart.Line> linesBySize(List<PoolMeasurement.Row> rows, java.util.function.ToDoubleFunction<PoolMeasurement.Row> y) {
        return rows.stream().map(PoolMeasurement.Row::impl).distinct()
                .map(impl -> new SvgChart.Line(impl, rows.stream().filter(r -> r.impl().equals(impl))
                        .map(r -> new SvgChart.Point(r.size(), y.applyAsDouble(r))).toList()))
                .toList();
    }

    private static void poolScenario(PrintStream out, Plan plan, List<SvgChart.Panel> panels) throws InterruptedException {
        String scenario = plan.scenario().orElseThrow();
        PoolLoad load = switch (scenario) {
            case POOL_EXHAUSTION -> new PoolLoad(plan.clients(), CLIENTS_PER_SECOND, HOLD.multipliedBy(4), plan.timeout(), 0, 0, Duration.ZERO);
            case LEAKED_RESOURCE -> new PoolLoad(plan.clients(), CLIENTS_PER_SECOND, HOLD, plan.timeout(), 20, 0, Duration.ZERO);
            default -> new PoolLoad(plan.clients(), CLIENTS_PER_SECOND, HOLD, plan.timeout(), 0, 4, HOLD.dividedBy(2));
        };
        int size = plan.poolSize().orElse((int) Math.ceil(CLIENTS_PER_SECOND * HOLD.toNanos() / 1e9) + 2);
        out.printf("Pools, %s: %d clients arriving at %.0f/s, each holding a connection %d ms (L = λ·h = %.1f); pool size %d, timeout %d ms, max-pending %d%n%n",
                scenario, load.clients(), load.perSecond(), load.hold().toMillis(), load.littlesL(), size, plan.timeout().toMillis(), plan.maxPending());
        List<PoolMeasurement.Row> rows = new ArrayList<>();
        for (String impl : plan.poolImpls()) {
            warmUp(impl, plan);
            rows.add(PoolMeasurement.blocking(impl + (scenario.equals(CANCELLED_ACQUIRER) ? " (interrupted)" : ""),
                    open(impl, size, plan.maxPending()), load));
        }
        if (scenario.equals(CANCELLED_ACQUIRER) && plan.poolImpls().contains("reactor-pool")) {
            rows.add(PoolMeasurement.reactive("reactor-pool withConnection (cancelled)", (ReactorPool) open("reactor-pool", size, plan.maxPending()), load, true));
            if (!plan.chosenImpl()) {
                rows.add(PoolMeasurement.reactive("flatMap-then-release (cancelled)", (ReactorPool) open("reactor-pool", size, plan.maxPending()), load, false));
            }
        }
        Table table = new Table("impl", "served", "timed out", "refused", "gave up", "never released", "still lent after", "p99 wait ms", "longest ms");
        for (PoolMeasurement.Row r : rows) {
            table.row(r.impl(), r.count(PoolMeasurement.Fate.SERVED), r.count(PoolMeasurement.Fate.TIMED_OUT), r.count(PoolMeasurement.Fate.REFUSED),
                    r.count(PoolMeasurement.Fate.GAVE_UP), r.count(PoolMeasurement.Fate.LEAKED), r.stillLent(),
                    "%.1f".formatted(r.p99WaitMillis()), "%.0f".formatted(r.longestMillis()));
        }
        table.print(out);
        out.println();
        out.println("'longest ms': from a client's arrival to its end, served or not. 'still lent after': connections out once every client had ended.");
        out.println(PoolReading.scenario(rows, scenario, load));
        panels.add(new SvgChart.Panel("clients waiting for a connection", SvgChart.Axis.linear("time (ms)"), SvgChart.Axis.linear("clients"),
                rows.stream().map(r -> new SvgChart.Line(r.impl(), r.waiting())).toList()));
        panels.add(new SvgChart.Panel("connections in use", SvgChart.Axis.linear("time (ms)"), SvgChart.Axis.linear("connections"),
                rows.stream().map(r -> new SvgChart.Line(r.impl(), r.inUse())).toList()));
    }
}
