package labs.level04_coordination.lab10_readers_writers;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import labs.support.Choice;
import labs.support.CpuWork;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Result;
import labs.support.Setting;
import labs.support.Table;
import labs.support.Threads;
import org.HdrHistogram.Histogram;

/**
 * {@code labs run lab10}: reader and writer threads on one shared config, for a fixed time per
 * variant, in real time. Each writer records how long each of its writes took, call to return, in an
 * HdrHistogram of fixed range; readers count their reads. {@code --inject} picks the failure to
 * watch for: writers starved by a stream of long reads, torn reads, the read-to-write upgrade.
 * What it prints after the table is computed from this run's rows.
 */
public final class ReadersWritersExperiment extends DescribedExperiment {

    static final Setting READERS = Setting.wholeNumber("readers", "reader threads (default 3)", 1, 64);
    static final Setting WRITERS = Setting.wholeNumber("writers", "writer threads (default 1)", 1, 16);
    static final Setting MILLIS = Setting.wholeNumber("millis", "how long each variant runs, in ms (default 300)", 10, 60_000);
    static final Setting UPGRADE_WAIT = Setting.wholeNumber("upgrade-wait", "how long the read-to-write upgrade waits for itself, in ms (default 100; --inject upgrade)", 1, 10_000);

    static final List<Choice> SCENARIOS = List.of(
            new Choice("reader-stream", "every read holds the config for ~0.1 ms of work, back to back: the longest writer wait"),
            new Choice("torn-read", "writers set a and b to the same value; readers count snapshots where they differ"),
            new Choice("upgrade", "a write from inside read() on one thread, on every variant, and the read-to-write upgrade lesson"));

    /**
     * Every variant, in the order the table teaches them: each lesson just before what fixes it.
     * {@code ReadersWritersExperimentTest} checks that it names each of {@link SharedConfig#IMPLEMENTATIONS}
     * and {@link SharedConfig#LESSONS} exactly once.
     */
    static final List<String> TOUR = List.of("concurrent-map", "stamped", "reader-preference", "rwlock", "rwlock-fair",
            "copy-on-write", "reactor-lane", "rxjava-lane");

    /** The row of {@code --inject upgrade} for {@link ReadToWriteUpgrade}, which is not a SharedConfig. */
    static final String UPGRADE_LESSON = "upgrade-in-place";
    /** How long writers pause between writes, but for torn-read: a config's writes are rare. */
    private static final Duration WRITE_PAUSE = Duration.ofMillis(1);
    private static final int KEYS = 64;
    /** Fixed range, so recording never resizes (and never locks): one minute, in microseconds. */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);
    /** Generous: past this a variant is stuck, not slow. */
    private static final Duration JOIN_BOUND = Duration.ofMinutes(1);

    public ReadersWritersExperiment() {
        super(implementationChoices(),
                SCENARIOS,
                List.of(READERS, WRITERS, MILLIS, UPGRADE_WAIT));
    }

    private static List<Choice> implementationChoices() {
        return TOUR.stream().map(name -> new Choice(name, breaks(name)
                .map(clause -> "lesson, breaks clause " + clause.label() + ": " + SharedConfig.LESSONS.named(name).summary())
                .orElseGet(() -> SharedConfig.IMPLEMENTATIONS.named(name).summary()))).toList();
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        String scenario = request.scenario(SCENARIOS).orElse("read-mostly");
        int readers = request.wholeNumber(READERS, 3);
        int writers = request.wholeNumber(WRITERS, 1);
        Duration runFor = Duration.ofMillis(request.wholeNumber(MILLIS, 300));
        Duration upgradeWait = Duration.ofMillis(request.wholeNumber(UPGRADE_WAIT, 100));
        if (scenario.equals("upgrade")) {
            return out -> printUpgrades(out, impls, upgradeWait);
        }
        return out -> printLoad(out, impls, scenario, readers, writers, runFor);
    }

    /** How to make the variant {@code --impl name} names, from whichever list holds it. */
    static Supplier<SharedConfig> factory(String name) {
        return breaks(name).isEmpty() ? SharedConfig.IMPLEMENTATIONS.create(name) : SharedConfig.LESSONS.create(name).make();
    }

    /** The clause the variant breaks: empty for an implementation. */
    static Optional<SharedConfig.Clause> breaks(String name) {
        return SharedConfig.IMPLEMENTATIONS.names().contains(name) ? Optional.empty() : Optional.of(SharedConfig.LESSONS.create(name).breaks());
    }

    /** One variant's run: what it was meant to keep, and what the threads saw. */
    record Observed(String impl, Optional<SharedConfig.Clause> breaks, long reads, Histogram writeMicros,
                    long snapshotsChecked, long torn, long getsDisagreed, Optional<Exception> thrown, double seconds) {
        long writes() {
            return writeMicros.getTotalCount();
        }
    }

    private static void printLoad(PrintStream out, List<String> impls, String scenario, int readers, int writers, Duration runFor)
            throws InterruptedException {
        CpuWork readWork = CpuWork.calibrate(0.1);
        out.printf("scenario %s: %d reader(s), %d writer(s), %d ms per variant, %d cores%n%n",
                scenario, readers, writers, runFor.toMillis(), Runtime.getRuntime().availableProcessors());
        boolean torn = scenario.equals("torn-read");
        Table table = torn
                ? new Table("impl", "breaks", "snapshots", "torn snapshots", "two gets disagreed", "outcome")
                : new Table("impl", "breaks", "reads", "writes", "write p50 us", "write p99 us", "longest write us", "outcome");
        List<Observed> rows = new ArrayList<>();
        for (String impl : impls) {
            Observed row = runOnce(impl, factory(impl), scenario, readers, writers, runFor, readWork);
            rows.add(row);
            String breaks = row.breaks().map(SharedConfig.Clause::label).orElse("-");
            if (torn) {
                table.row(impl, breaks, row.snapshotsChecked(), row.torn(), row.getsDisagreed(), outcome(row));
            } else {
                table.row(impl, breaks, row.reads(), row.writes(), percentile(row, 50), percentile(row, 99), row.writeMicros().getMaxValue(), outcome(row));
            }
        }
        table.print(out);
        out.println();
        out.println(torn ? tornReading(rows) : waitReading(rows, scenario, readers, runFor));
    }

    private static String percentile(Observed row, double percentile) {
        return row.writes() == 0 ? "-" : String.valueOf(row.writeMicros().getValueAtPercentile(percentile));
    }

    private static String outcome(Observed row) {
        if (row.thrown().isPresent()) {
            return "threw " + oneLine(row.thrown().get());
        }
        if (row.torn() > 0) {
            return row.breaks().isPresent() ? "torn reads: an update seen half applied" : "CONTRACT BROKEN: torn reads";
        }
        return row.writes() == 0 ? "no write got in" : "ok";
    }

    /**
     * Runs {@code readers} and {@code writers} threads on a new config for {@code runFor}, released
     * together, then stops them and waits (bounded) until every one has ended. An exception stops
     * the run and is reported; an {@code Error} is rethrown as it is, once the threads have ended.
     */
    static Observed runOnce(String impl, Supplier<SharedConfig> make, String scenario, int readers, int writers, Duration runFor, CpuWork readWork)
            throws InterruptedException {
        boolean torn = scenario.equals("torn-read");
        boolean stream = scenario.equals("reader-stream");
        SharedConfig config = make.get();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long[][] readerCounts = new long[readers][3]; // reads, torn snapshots, gets that disagreed: each row written by its reader only
        Histogram[] writeMicros = new Histogram[writers];
        List<Thread> threads = new ArrayList<>();
        long start;
        try {
            config.update(torn ? Map.of("a", "0", "b", "0") : initialEntries());
            for (int r = 0; r < readers; r++) {
                long[] counts = readerCounts[r];
                threads.add(start("lab10-reader-" + r, go, stop, failed, firstFailure, () -> {
                    if (torn) {
                        Map<String, String> seen = config.snapshot();
                        counts[1] += seen.get("a").equals(seen.get("b")) ? 0 : 1;
                        counts[2] += config.get("a").equals(config.get("b")) ? 0 : 1; // two calls, two instants: allowed to differ
                    } else if (stream) {
                        config.read(entries -> readWork.run() + entries.size()); // holds what a reader holds for ~0.1 ms
                    } else {
                        config.get("k" + ThreadLocalRandom.current().nextInt(KEYS));
                    }
                    counts[0]++;
                }));
            }
            for (int w = 0; w < writers; w++) {
                Histogram micros = new Histogram(HIGHEST_MICROS, 3);
                writeMicros[w] = micros;
                long[] value = {0};
                threads.add(start("lab10-writer-" + w, go, stop, failed, firstFailure, () -> {
                    value[0]++;
                    Map<String, String> change = torn ? Map.of("a", value[0] + "", "b", value[0] + "")
                            : Map.of("k" + ThreadLocalRandom.current().nextInt(KEYS), value[0] + "");
                    long began = System.nanoTime();
                    config.update(change);
                    micros.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - began) / 1_000));
                    if (!torn) {
                        LockSupport.parkNanos(WRITE_PAUSE.toNanos()); // a platform thread of ours: pausing is its job
                    }
                }));
            }
        } finally {
            start = System.nanoTime();
            go.countDown(); // even if starting a thread failed: the ones started must not wait for ever
        }
        failed.await(runFor.toNanos(), TimeUnit.NANOSECONDS); // the run's length, cut short if a thread fails
        stop.set(true);
        Threads.awaitEnd("lab10 readers and writers on " + impl, threads, JOIN_BOUND, firstFailure.get());
        double seconds = (System.nanoTime() - start) / 1e9;
        config.close();
        if (firstFailure.get() instanceof Error error) {
            throw error;
        }
        Histogram all = new Histogram(HIGHEST_MICROS, 3);
        for (Histogram h : writeMicros) {
            if (h != null) {
                all.add(h);
            }
        }
        long reads = 0, tornSeen = 0, disagreed = 0;
        for (long[] counts : readerCounts) {
            reads += counts[0];
            tornSeen += counts[1];
            disagreed += counts[2];
        }
        Optional<Exception> thrown = Optional.ofNullable(firstFailure.get()).map(Exception.class::cast);
        Optional<SharedConfig.Clause> breaks = TOUR.contains(impl) ? breaks(impl) : Optional.empty();
        return new Observed(impl, breaks, reads, all, torn ? reads : 0, tornSeen, disagreed, thrown, seconds);
    }

    private static Map<String, String> initialEntries() {
        return java.util.stream.IntStream.range(0, KEYS).boxed().collect(Collectors.toMap(i -> "k" + i, i -> "0"));
    }

    /** A daemon thread (a variant that never returns must not also keep the JVM from exiting) running {@code step} until told to stop. */
    private static Thread start(String name, CountDownLatch go, AtomicBoolean stop, CountDownLatch failed, AtomicReference<Throwable> firstFailure,
                                Runnable step) {
        return Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                go.await();
                while (!stop.get()) {
                    step.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(firstFailure, failed, e);
            } catch (Exception e) {
                fail(firstFailure, failed, e);
            } catch (Error e) {
                fail(firstFailure, failed, e); // not data: rethrown on the caller once every thread has ended
            }
        });
    }

    /** One thread failing ends the run for all. */
    private static void fail(AtomicReference<Throwable> firstFailure, CountDownLatch failed, Throwable failure) {
        firstFailure.compareAndSet(null, failure);
        failed.countDown();
    }

    /** What this run showed about writers' waits, in words computed from its rows. */
    static String waitReading(List<Observed> rows, String scenario, int readers, Duration runFor) {
        List<String> lines = new ArrayList<>();
        List<Observed> ran = rows.stream().filter(r -> r.thrown().isEmpty() && r.writes() > 0).toList();
        rows.stream().filter(r -> r.thrown().isPresent()).forEach(r -> lines.add((r.breaks().isPresent() ? "" : "CONTRACT BROKEN this run: ")
                + r.impl() + " threw " + oneLine(r.thrown().get()) + "."));
        rows.stream().filter(r -> r.thrown().isEmpty() && r.writes() == 0).forEach(r -> lines.add(
                r.impl() + ": no write got in during the " + runFor.toMillis() + " ms run: its writer waited it out."));
        if (!ran.isEmpty()) {
            Observed longest = ran.stream().max(Comparator.comparingLong(r -> r.writeMicros().getMaxValue())).orElseThrow();
            Observed shortest = ran.stream().min(Comparator.comparingLong(r -> r.writeMicros().getMaxValue())).orElseThrow();
            lines.add("This run: the longest single write of a variant ranged from " + millis(shortest.writeMicros().getMaxValue()) + " ms ("
                    + shortest.impl() + ") to " + millis(longest.writeMicros().getMaxValue()) + " ms (" + longest.impl() + ", " + ofRun(longest, runFor) + ").");
            Observed mostReads = ran.stream().max(Comparator.comparingLong(Observed::reads)).orElseThrow();
            lines.add("Most reads: " + mostReads.impl() + ", " + mostReads.reads() + " in " + "%.2f".formatted(mostReads.seconds()) + " s.");
        }
        rows.stream().filter(r -> r.breaks().equals(Optional.of(SharedConfig.Clause.NO_WRITER_STARVATION)) && r.thrown().isEmpty()).forEach(r -> {
            if (scenario.equals("reader-stream")) {
                lines.add(r.impl() + ": a writer gets in only when all " + readers + " readers happen to be out at once"
                        + (r.writes() == 0 ? "; this run, never." : "; this run its longest write took " + ofRun(r, runFor) + "."));
            } else if (r.writes() == 0 || r.writeMicros().getMaxValue() * 2 >= TimeUnit.MILLISECONDS.toMicros(runFor.toMillis())) {
                lines.add(r.impl() + ": even these short reads overlapped enough to keep its writer out"
                        + (r.writes() == 0 ? " for the whole run." : ": its longest write took " + ofRun(r, runFor) + ".")
                        + " --inject reader-stream makes the readers overlap all the time.");
            } else {
                lines.add(r.impl() + ": short reads overlapped little this run, so its writer waited at most " + millis(r.writeMicros().getMaxValue())
                        + " ms (" + ofRun(r, runFor) + "); --inject reader-stream makes the readers overlap all the time.");
            }
        });
        return String.join("\n", lines);
    }

    /** The longest write as a share of the run: past 100% the writer got in only once the readers stopped. */
    private static String ofRun(Observed row, Duration runFor) {
        long longest = row.writeMicros().getMaxValue();
        long run = TimeUnit.MILLISECONDS.toMicros(runFor.toMillis());
        return longest >= run ? "longer than the whole run: it got in only once the readers stopped"
                : "%.0f%% of the run".formatted(100.0 * longest / run);
    }

    private static String millis(long micros) {
        return "%.1f".formatted(micros / 1000.0);
    }

    /** What this run showed about torn reads, in words computed from its rows. */
    static String tornReading(List<Observed> rows) {
        List<String> lines = new ArrayList<>();
        List<Observed> kept = rows.stream().filter(r -> r.breaks().isEmpty()).toList();
        List<Observed> broke = kept.stream().filter(r -> r.torn() > 0 || r.thrown().isPresent()).toList();
        if (!kept.isEmpty()) {
            lines.add(broke.isEmpty()
                    ? "This run: " + names(kept) + " tore no snapshot, as clause 1 requires."
                    : "CONTRACT BROKEN this run: " + broke.stream().map(r -> r.impl() + " " + (r.thrown().isPresent() ? "threw " + oneLine(r.thrown().get()) : r.torn() + " torn"))
                            .collect(Collectors.joining(", ")) + ".");
        }
        rows.stream().filter(r -> r.breaks().equals(Optional.of(SharedConfig.Clause.ATOMIC_UPDATES))).forEach(r -> lines.add(r.torn() > 0
                ? r.impl() + " tore " + r.torn() + " of " + r.snapshotsChecked() + " snapshots (" + "%.3f%%".formatted(100.0 * r.torn() / Math.max(1, r.snapshotsChecked()))
                        + "): a reader copied the map between the update's put of a and its put of b. It varies from run to run."
                : r.impl() + " tore nothing this run: a tear needs a snapshot to fall between two puts of one update; Lincheck finds that interleaving every time."));
        long disagreed = rows.stream().mapToLong(Observed::getsDisagreed).sum();
        if (disagreed > 0) {
            lines.add("Two gets disagreed " + disagreed + " times across the variants, the correct ones included: two calls are two instants,"
                    + " and an update can fall between them. To read keys that must agree, use snapshot() or read().");
        }
        return String.join("\n", lines);
    }

    private static String names(List<Observed> rows) {
        return rows.stream().map(Observed::impl).collect(Collectors.joining(", "));
    }

    private static String oneLine(Throwable failure) {
        return failure.getClass().getSimpleName() + " (" + String.valueOf(failure.getMessage()).lines().findFirst().orElse("") + ")";
    }

    /** One row of {@code --inject upgrade}. */
    record Upgrade(String impl, String sharing, String outcome, String refusal, double millis, Optional<Boolean> detectorSawIt) {
    }

    private static void printUpgrades(PrintStream out, List<String> impls, Duration upgradeWait) throws InterruptedException {
        out.printf("a write from inside read(), on the reading thread, once per variant; %s waits up to %d ms for itself%n%n",
                UPGRADE_LESSON, upgradeWait.toMillis());
        List<Upgrade> rows = new ArrayList<>();
        for (String impl : impls) {
            rows.add(writeInsideRead(impl));
        }
        rows.add(upgradeInPlace(upgradeWait));
        Table table = new Table("impl", "readers hold", "a write inside read()", "ms", "findDeadlockedThreads saw it");
        rows.forEach(r -> table.row(r.impl(), r.sharing(), r.outcome(), "%.1f".formatted(r.millis()),
                r.detectorSawIt().map(saw -> saw ? "yes" : "no").orElse("-")));
        table.print(out);
        out.println();
        out.println(upgradeReading(rows, upgradeWait));
    }

    private static Upgrade writeInsideRead(String impl) {
        try (SharedConfig config = factory(impl).get()) {
            long began = System.nanoTime();
            Result<String> outcome = Result.of(() -> config.read(entries -> {
                config.update(Map.of("k", "v"));
                return "done";
            }));
            double millis = (System.nanoTime() - began) / 1e6;
            String said = outcome.succeeded() ? "done" : "refused at once: " + outcome.error().getClass().getSimpleName();
            String holds = config.sharing() == SharedConfig.Sharing.LOCKED ? "a read lock" : "nothing (a snapshot)";
            return new Upgrade(impl, holds, said, outcome.succeeded() ? "" : String.valueOf(outcome.error().getMessage()), millis, Optional.empty());
        }
    }

    /** Runs the lesson's putIfAbsent on a thread of its own and, while it waits for itself, asks the JDK's deadlock detector. */
    static Upgrade upgradeInPlace(Duration upgradeWait) throws InterruptedException {
        ReadToWriteUpgrade upgrade = new ReadToWriteUpgrade(upgradeWait, Map.of());
        AtomicReference<Result<String>> outcome = new AtomicReference<>();
        long began = System.nanoTime();
        Thread upgrader = Thread.ofPlatform().daemon().name("lab10-upgrader").start(
                () -> outcome.set(Result.of(() -> String.valueOf(upgrade.putIfAbsent("k", "v")))));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Optional<Boolean> sawIt = Optional.empty();
        while (upgrader.isAlive() && sawIt.isEmpty()) {
            ThreadInfo info = mx.getThreadInfo(upgrader.threadId());
            if (info != null && info.getThreadState() == Thread.State.TIMED_WAITING && String.valueOf(info.getLockName()).contains("ReentrantReadWriteLock")) {
                long[] deadlocked = mx.findDeadlockedThreads();
                sawIt = Optional.of(deadlocked != null && java.util.Arrays.stream(deadlocked).anyMatch(id -> id == upgrader.threadId()));
            }
            Thread.onSpinWait();
        }
        Threads.awaitEnd("lab10 " + UPGRADE_LESSON, List.of(upgrader), JOIN_BOUND, null);
        double millis = (System.nanoTime() - began) / 1e6;
        Result<String> ended = outcome.get();
        String said = ended.succeeded() ? "done (the upgrade succeeded?)" : "gave up: " + ended.error().getClass().getSimpleName();
        return new Upgrade(UPGRADE_LESSON, "a read lock, and asks for the write lock", said, "", millis, sawIt);
    }

    /** What this run showed about writes inside reads, in words computed from its rows. */
    static String upgradeReading(List<Upgrade> rows, Duration upgradeWait) {
        List<String> lines = new ArrayList<>();
        List<String> refused = rows.stream().filter(r -> r.outcome().startsWith("refused")).map(Upgrade::impl).toList();
        List<String> done = rows.stream().filter(r -> r.outcome().equals("done")).map(Upgrade::impl).toList();
        if (!refused.isEmpty()) {
            lines.add("Refused at once: " + String.join(", ", refused) + " (their reader holds a read lock, which can never become the write lock).");
            rows.stream().filter(r -> r.outcome().startsWith("refused")).findFirst()
                    .ifPresent(r -> lines.add("Each refusal says why; " + r.impl() + "'s: " + r.refusal()));
        }
        if (!done.isEmpty()) {
            lines.add("Written: " + String.join(", ", done) + " (their reader holds no lock, so the write does not wait for it).");
        }
        rows.stream().filter(r -> r.impl().equals(UPGRADE_LESSON)).findFirst().ifPresent(r -> lines.add(UPGRADE_LESSON + " asked for the write lock while holding the read lock: "
                + (r.outcome().startsWith("gave up") ? "it waited " + "%.0f".formatted(r.millis()) + " ms for itself and gave up (its bound: " + upgradeWait.toMillis() + " ms)" : r.outcome())
                + r.detectorSawIt().map(saw -> saw ? "; findDeadlockedThreads reported it." : "; findDeadlockedThreads did not see it: a read lock has no owner to follow.")
                        .orElse("; it ended before the deadlock detector could be asked.")));
        return String.join("\n", lines);
    }
}
