package labs.level04_coordination.lab09_run_once;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import labs.support.Choice;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;
import labs.support.Threads;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.scheduler.Schedulers;

/**
 * {@code labs run lab09}: for each variant, a fresh run-once value and {@code --callers} threads,
 * released together, that all call {@code get()} while its one run (a blocking initializer that
 * takes {@code --init-ms}, as opening a connection would) is under way. The table shows how many
 * runs there were, how many distinct values the callers got, and how long the slowest waited; what
 * follows it is read from those rows. {@code --inject} adds one failure theme.
 */
public final class RunOnceExperiment extends DescribedExperiment {

    static final List<Choice> SCENARIOS = List.of(
            new Choice("failure", "the first run throws; a second wave of callers shows whether the failure was kept or retried"),
            new Choice("interrupt", "the first caller is interrupted while the first run is under way"),
            new Choice("slow", "each run takes 10 x --init-ms: every caller waits for the one run"),
            new Choice("blocking-init", "BlockHound installed; the reactive variants run the initializer on parallel() / computation()"));
    static final Setting CALLERS = Setting.wholeNumber("callers", "how many threads call get() at once (default 8)", 1, 1024);
    static final Setting INIT_MS = Setting.wholeNumber("init-ms", "how long one run of the initializer blocks, in ms (default 20)", 0, 10_000);

    /**
     * Every variant, in the order the table teaches them: each lesson just before what fixes it.
     * {@code RunOnceExperimentTest} checks that it names each of {@link RunOnce#IMPLEMENTATIONS} and
     * {@link RunOnce#LESSONS} exactly once.
     */
    static final List<String> TOUR = List.of("racy", "synchronized", "double-checked-without-volatile", "double-checked", "cas",
            "reactor-cache", "reactor-cache-ttl", "reactor-invalidate-if", "rxjava-cache");

    /** Far more than a run of the default experiment needs; past it a caller is stuck, not slow. */
    private static final Duration JOIN_BOUND = Duration.ofMinutes(2);

    public RunOnceExperiment() {
        super(implementationChoices(),
                SCENARIOS,
                List.of(CALLERS, INIT_MS));
    }

    private static List<Choice> implementationChoices() {
        return TOUR.stream().map(name -> new Choice(name, breaks(name)
                .map(clause -> "lesson, breaks clause " + clause.label() + ": " + RunOnce.LESSONS.named(name).summary())
                .orElseGet(() -> RunOnce.IMPLEMENTATIONS.named(name).summary()))).toList();
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        String scenario = request.scenario(SCENARIOS).orElse("none");
        int callers = request.wholeNumber(CALLERS, 8);
        int initMillis = request.wholeNumber(INIT_MS, 20) * (scenario.equals("slow") ? 10 : 1);
        return out -> printTo(out, impls, scenario, callers, initMillis);
    }

    /** The clause the variant breaks: empty for an implementation. */
    private static Optional<RunOnce.Clause> breaks(String name) {
        return RunOnce.IMPLEMENTATIONS.names().contains(name) ? Optional.empty() : Optional.of(RunOnce.LESSONS.create(name).breaks());
    }

    /**
     * The variant {@code --impl name} names over {@code initializer}; with {@code blocking-init}, the
     * reactive ones are given the non-blocking scheduler of their library instead of their default.
     */
    static <T> RunOnce<T> make(String name, Callable<T> initializer, boolean onNonBlocking) {
        if (onNonBlocking) {
            switch (name) {
                case "reactor-cache" -> {
                    return new ReactorCachedLazy<>(initializer, Schedulers.parallel());
                }
                case "reactor-cache-ttl" -> {
                    return new ReactorRetryingLazy<>(initializer, Schedulers.parallel());
                }
                case "reactor-invalidate-if" -> {
                    return new ReactorInvalidatingLazy<>(initializer, Schedulers.parallel());
                }
                case "rxjava-cache" -> {
                    return new RxJavaCachedLazy<>(initializer, io.reactivex.rxjava3.schedulers.Schedulers.computation());
                }
                default -> {
                    // the imperative variants run the initializer on the caller's thread: nothing to move
                }
            }
        }
        RunOnce.Factory factory = breaks(name).isEmpty() ? RunOnce.IMPLEMENTATIONS.create(name).make() : RunOnce.LESSONS.create(name).make();
        return factory.of(initializer);
    }

    private static void printTo(PrintStream out, List<String> impls, String scenario, int callers, int initMillis) throws InterruptedException {
        if (scenario.equals("blocking-init")) {
            BlockHound.install(); // once per JVM, for good: the runs below are what a test would see
        }
        out.printf("%d callers released together; one run blocks %d ms; %d cores; scenario: %s%n%n",
                callers, initMillis, Runtime.getRuntime().availableProcessors(), scenario);
        Table table = new Table("impl", "breaks", "runs", "distinct values", "got a value", "failed", "longest wait ms", "what happened");
        List<Observed> rows = new ArrayList<>();
        for (String impl : impls) {
            Observed row = runOnce(impl, scenario, callers, initMillis);
            rows.add(row);
            table.row(impl, row.breaks().map(RunOnce.Clause::label).orElse("-"), row.runs(), row.distinct(), row.succeeded(), row.failed(),
                    "%.0f".formatted(row.longestWaitMillis()), row.remark());
        }
        table.print(out);
        out.println();
        out.println(readingOf(rows, scenario, initMillis));
    }

    /** What one variant did: its runs, what its callers got, and a remark computed from those. */
    record Observed(String impl, Optional<RunOnce.Clause> breaks, int runs, int interruptedRuns, int distinct, int succeeded, int failed,
                    double longestWaitMillis, String remark) {
    }

    /**
     * The initializer of a live run: it counts its runs and blocks {@code millis} (the expensive part:
     * opening something). It fails its first run if told to; held, its first run also waits until the
     * experiment lets it go on, so callers can be lined up behind it.
     */
    private static final class Live implements Callable<Object> {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger interrupted = new AtomicInteger();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst;
        private final int millis;
        private final boolean failFirst;

        Live(int millis, boolean failFirst, boolean holdFirst) {
            this.millis = millis;
            this.failFirst = failFirst;
            this.releaseFirst = new CountDownLatch(holdFirst ? 1 : 0);
        }

        @Override
        public Object call() throws InterruptedException {
            int run = runs.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            firstStarted.countDown();
            try {
                if (run == 1 && !releaseFirst.await(JOIN_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("run 1 was held and never let go");
                }
                Thread.sleep(millis); // the expensive part: a blocking call
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            if (failFirst && run == 1) {
                throw new IllegalStateException("injected: run 1 failed");
            }
            return new Object();
        }
    }

    /** One caller's answer: the value, or what it threw instead (an exception, or BlockHound's error). */
    private record Answer(Object value, Throwable failure, long waitedNanos) {
    }

    /** The callers of one variant, and an {@code Error} one of them hit that is not this experiment's to report. */
    private static final class Callers {
        final List<Answer> answers = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        final AtomicReference<Error> fatal = new AtomicReference<>();

        void start(String name, RunOnce<Object> lazy, CountDownLatch go) {
            // Daemon: a variant that never answers must not also keep the JVM from exiting.
            threads.add(Thread.ofPlatform().daemon().name(name).start(() -> {
                long start = System.nanoTime();
                try {
                    go.await();
                    start = System.nanoTime();
                    answers.add(new Answer(lazy.get(), null, System.nanoTime() - start));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    answers.add(new Answer(null, e, 0));
                } catch (Exception e) {
                    answers.add(new Answer(null, e, System.nanoTime() - start));
                } catch (BlockingOperationError e) {
                    // BlockHound's verdict on the initializer: this experiment's observation, reported in the table.
                    answers.add(new Answer(null, e, System.nanoTime() - start));
                } catch (Error e) {
                    fatal.compareAndSet(null, e); // not data: rethrown on the experiment's thread once every caller has ended
                }
            }));
        }

        /** Waits (bounded) for every caller; an Error one of them hit is rethrown here, as it is. */
        List<Answer> end() {
            Threads.awaitEnd("lab09 callers", threads, JOIN_BOUND, fatal.get());
            if (fatal.get() != null) {
                throw fatal.get();
            }
            return List.copyOf(answers);
        }
    }

    private static Observed runOnce(String impl, String scenario, int callers, int initMillis) throws InterruptedException {
        Live initializer = new Live(initMillis, scenario.equals("failure"), scenario.equals("interrupt"));
        RunOnce<Object> lazy = make(impl, initializer, scenario.equals("blocking-init"));
        List<Answer> first = scenario.equals("interrupt") ? interruptFirst(lazy, initializer, callers) : wave(lazy, callers);
        boolean twoWaves = scenario.equals("failure") || scenario.equals("blocking-init");
        List<Answer> second = twoWaves ? wave(lazy, callers) : List.of();
        List<Answer> all = new ArrayList<>(first);
        all.addAll(second);
        Set<Object> values = Collections.newSetFromMap(new IdentityHashMap<>());
        all.stream().filter(a -> a.failure() == null).forEach(a -> values.add(a.value()));
        int failed = (int) all.stream().filter(a -> a.failure() != null).count();
        double longest = all.stream().mapToLong(Answer::waitedNanos).max().orElse(0) / 1e6;
        return new Observed(impl, breaks(impl), initializer.runs.get(), initializer.interrupted.get(), values.size(), all.size() - failed,
                failed, longest, remark(scenario, initializer, first, second, values.size()));
    }

    /** {@code callers} threads released together, each calling {@code get()} once; their answers. */
    private static List<Answer> wave(RunOnce<Object> lazy, int callers) {
        CountDownLatch go = new CountDownLatch(1);
        Callers wave = new Callers();
        try {
            for (int i = 0; i < callers; i++) {
                wave.start("lab09-caller-" + i, lazy, go);
            }
        } finally {
            go.countDown(); // even if starting a thread failed: the ones started must not wait for ever
        }
        return wave.end();
    }

    /**
     * Caller 0 starts run 1, which is held; the others call and are left waiting (bounded); caller 0
     * is interrupted and has answered; only then does run 1 go on (if it still can).
     */
    private static List<Answer> interruptFirst(RunOnce<Object> lazy, Live initializer, int callers) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(0);
        Callers wave = new Callers();
        try {
            wave.start("lab09-first-caller", lazy, go);
            if (initializer.firstStarted.await(JOIN_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                for (int i = 1; i < callers; i++) {
                    wave.start("lab09-caller-" + i, lazy, go);
                }
                awaitWaiting(wave.threads.subList(1, wave.threads.size()));
                Thread first = wave.threads.getFirst();
                first.interrupt();
                first.join(JOIN_BOUND);
            }
        } finally {
            initializer.releaseFirst.countDown();
        }
        return wave.end();
    }

    /** Polls (bounded, never sleeping) until every thread waits: parked, blocked on a monitor, or in a timed wait. */
    private static void awaitWaiting(List<Thread> threads) {
        long deadline = System.nanoTime() + JOIN_BOUND.toNanos();
        while (System.nanoTime() < deadline && !threads.stream().allMatch(t -> switch (t.getState()) {
            case WAITING, TIMED_WAITING, BLOCKED, TERMINATED -> true;
            default -> false;
        })) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static String remark(String scenario, Live initializer, List<Answer> first, List<Answer> second, int distinct) {
        int runs = initializer.runs.get();
        Set<String> failures = first.stream().filter(a -> a.failure() != null).map(a -> describe(a.failure()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String where = runs == 0 ? "" : " (run 1 on " + initializer.threads.getFirst() + ")";
        return switch (scenario) {
            case "failure" -> second.stream().allMatch(a -> a.failure() != null)
                    ? "failure kept: the second wave failed too; " + runs + " run(s)"
                    : "failure retried: the second wave got run " + runs + "'s value";
            case "interrupt" -> failures.isEmpty() ? "the interrupt went unnoticed" + where
                    : "first caller: " + String.join(", ", failures) + "; " + (initializer.interrupted.get() > 0
                            ? "the run was interrupted, " + runs + " run(s) in all" : "the run went on, " + runs + " run(s)");
            case "blocking-init" -> failures.isEmpty() ? "no complaint" + where : String.join(", ", failures) + where
                    + (second.stream().allMatch(a -> a.failure() != null) ? "; the second wave failed too, " + runs + " run(s)" : "");
            default -> distinct == 1 && runs == 1 ? "one run, one value for all" + where
                    : runs + " runs, " + distinct + " distinct value(s)" + where;
        };
    }

    private static String describe(Throwable failure) {
        return failure instanceof InitFailedException ? "InitFailed(" + failure.getCause().getClass().getSimpleName() + ")"
                : failure.getClass().getSimpleName();
    }

    /** What this run showed, in words computed from its rows — never a claim the rows could contradict. */
    static String readingOf(List<Observed> rows, String scenario, int initMillis) {
        List<String> lines = new ArrayList<>();
        List<Observed> kept = rows.stream().filter(r -> r.breaks().isEmpty()).toList();
        switch (scenario) {
            case "failure" -> lines.add("After a failed run — kept for every later caller: " + names(rows, r -> r.remark().startsWith("failure kept"))
                    + ". Retried by the next caller: " + names(rows, r -> r.remark().startsWith("failure retried")) + ".");
            case "interrupt" -> {
                lines.add("The run itself was interrupted (the first caller's thread ran it, or the operator cancelled it): "
                        + names(rows, r -> r.interruptedRuns() > 0) + ".");
                lines.add("The run went on without the first caller: " + names(rows, r -> r.interruptedRuns() == 0 && r.failed() > 0) + ".");
            }
            case "blocking-init" -> {
                lines.add("BlockHound rejected the initializer of: " + names(rows, r -> r.remark().contains("BlockingOperationError")) + ".");
                lines.add("The Error was kept for the second wave (one run): "
                        + names(rows, r -> r.remark().contains("BlockingOperationError") && r.runs() == 1 && r.succeeded() == 0)
                        + ". Retried, and rejected again: " + names(rows, r -> r.remark().contains("BlockingOperationError") && r.runs() > 1) + ".");
            }
            default -> {
                List<Observed> broken = kept.stream().filter(r -> r.runs() != 1 || r.distinct() != 1).toList();
                if (!kept.isEmpty()) {
                    lines.add(broken.isEmpty()
                            ? "This run: " + names(kept, r -> true) + " ran the initializer once and gave every caller the same value."
                            : "CONTRACT BROKEN this run: " + names(broken, r -> true) + " ran it more than once or gave out several values.");
                    Observed slowest = kept.stream().max(Comparator.comparingDouble(Observed::longestWaitMillis)).orElseThrow();
                    lines.add("The longest wait was " + slowest.impl() + "'s " + "%.0f".formatted(slowest.longestWaitMillis()) + " ms, for a run of "
                            + initMillis + " ms: " + (slowest.longestWaitMillis() < 2.0 * initMillis + 50
                                    ? "the callers waited for the one run together, not one after another."
                                    : "longer than one run; a busy machine, or callers queued behind each other."));
                }
            }
        }
        List<Observed> twice = rows.stream().filter(r -> r.breaks().isPresent() && r.runs() > 1).toList();
        if (!twice.isEmpty() && !scenario.equals("failure")) {
            lines.add("Lessons that ran the initializer more than once: " + twice.stream().map(r -> r.impl() + " " + r.runs() + " runs, "
                    + r.distinct() + " distinct value(s)").collect(Collectors.joining("; ")) + ". Each extra run opens an expensive resource for nothing.");
        }
        rows.stream().filter(r -> r.breaks().equals(Optional.of(RunOnce.Clause.SAFE_PUBLICATION))).forEach(r -> lines.add(r.impl()
                + " behaved like double-checked here: the half-built value it allows shows only under jcstress, and on x86 perhaps never (FAILURE.md §5)."));
        return String.join("\n", lines);
    }

    private static String names(List<Observed> rows, java.util.function.Predicate<Observed> which) {
        List<String> names = rows.stream().filter(which).map(Observed::impl).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
