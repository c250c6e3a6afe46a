package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import labs.support.Choice;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;
import labs.support.Threads;

/**
 * {@code labs run lab11}: each style runs the same long job in real time — steps that block for
 * {@code --step-ms} — and is cancelled after {@code --cancel-after-ms}. The table shows how long each
 * took to actually stop (the stop latency: from the {@code cancel()} call to the end of the last step
 * activity), how long {@code cancel()} itself took, what ran after the cancel, and how often the
 * resource was released. {@code --inject} adds one failure; without {@code --impl}, the lesson and
 * broken variants that show that failure run beside the registered implementations.
 */
public final class CooperativeCancellationExperiment extends DescribedExperiment {

    static final List<Choice> SCENARIOS = List.of(
            new Choice("ignores-cancellation", "every step swallows its interrupt and waits on; plus a runner that ignores cancellation (swallows-interrupt)"),
            new Choice("resource-never-freed", "one job cancelled, one whose step 3 fails: releases counted; plus leaky-release, which frees only on success"),
            new Choice("cancel-races-completion", "--runs jobs, each cancelled the moment its last step starts: one ending and one release per job"),
            new Choice("cancel-during-cleanup", "the cancel arrives while the job releases its resource (a slow flush); plus future-cancel"));
    static final Setting STEPS = Setting.wholeNumber("steps", "steps per job (default 20)", 1, 10_000);
    static final Setting STEP_MS = Setting.wholeNumber("step-ms", "how long each step blocks, in ms (default 20)", 1, 10_000);
    static final Setting CANCEL_AFTER_MS = Setting.wholeNumber("cancel-after-ms", "when the job is cancelled, in ms after its start (default 50)", 0, 60_000);
    static final Setting RUNS = Setting.wholeNumber("runs", "jobs raced with cancel-races-completion (default 200)", 1, 100_000);
    /** How long the release flushes in cancel-during-cleanup. */
    private static final long RELEASE_MS = 30;

    public CooperativeCancellationExperiment() {
        super(JobRunner.IMPLEMENTATIONS.choices(),
                SCENARIOS,
                List.of(STEPS, STEP_MS, CANCEL_AFTER_MS, RUNS));
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        boolean lessons = !request.has("impl");
        String scenario = request.scenario(SCENARIOS).orElse("none");
        int steps = request.wholeNumber(STEPS, 20);
        int stepMillis = request.wholeNumber(STEP_MS, 20);
        int cancelAfter = request.wholeNumber(CANCEL_AFTER_MS, 50);
        int runs = request.wholeNumber(RUNS, 200);
        return out -> printTo(out, new Plan(impls, lessons, scenario, steps, stepMillis, cancelAfter, runs));
    }

    /** A checked request. */
    private record Plan(List<String> impls, boolean lessons, String scenario, int steps, int stepMillis, int cancelAfter, int runs) {
    }

    /** A style to run: a registered implementation, or a lesson/broken variant shown beside them. */
    private record Style(String name, Supplier<JobRunner> runner, boolean registered) {
    }

    private static void printTo(PrintStream out, Plan plan) throws InterruptedException {
        out.printf("jobs of %d steps of ~%d ms (a blocking wait each), cancelled ~%d ms after the start; scenario: %s%n%n",
                plan.steps(), plan.stepMillis(), plan.cancelAfter(), plan.scenario());
        // Pools for the lesson rows that run the reactive cores on a scheduler that does not interrupt.
        ExecutorService plain = Executors.newCachedThreadPool(Thread.ofPlatform().name("lab11-plain-executor-", 1).factory());
        reactor.core.scheduler.Scheduler reactorPlain = reactor.core.scheduler.Schedulers.fromExecutor(plain::execute);
        try {
            List<Style> styles = new ArrayList<>();
            plan.impls().forEach(name -> styles.add(new Style(name, JobRunner.IMPLEMENTATIONS.create(name), true)));
            if (plan.lessons()) {
                switch (plan.scenario()) {
                    case "none" -> {
                        styles.add(new Style("flag-only (lesson)", FlagOnlyRunner::new, false));
                        styles.add(new Style("reactor on fromExecutor (lesson)", () -> new ReactorJobRunner(reactorPlain), false));
                        styles.add(new Style("rxjava on from(executor) (lesson)",
                                () -> new RxJavaJobRunner(io.reactivex.rxjava3.schedulers.Schedulers.from(plain)), false));
                    }
                    case "ignores-cancellation" -> styles.add(new Style("swallows-interrupt (broken)", SwallowsInterruptRunner::new, false));
                    case "resource-never-freed" -> styles.add(new Style("leaky-release (broken)", LeakyReleaseRunner::new, false));
                    case "cancel-during-cleanup" -> styles.add(new Style("future-cancel (broken)", FutureCancelRunner::new, false));
                    default -> { }
                }
            }
            switch (plan.scenario()) {
                case "resource-never-freed" -> printReleases(out, styles, plan);
                case "cancel-races-completion" -> printRaces(out, styles, plan);
                case "cancel-during-cleanup" -> printCleanups(out, styles, plan);
                default -> printStops(out, styles, plan);
            }
        } finally {
            reactorPlain.dispose();
            Threads.shutdownAndAwait("lab11 experiment's plain executor", plain, true, null);
        }
    }

    // --- how long each style takes to stop ---

    /** What one cancelled job did, in real time. */
    private static final class Probe {
        final AtomicLong cancelAt = new AtomicLong(Long.MAX_VALUE);
        // Not cancelAt: a step may start while cancel() is on its way (before its flag is set), which
        // the contract allows; a step that starts once cancel() has returned is one the cancel missed.
        final AtomicLong cancelReturnedAt = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastActivity = new AtomicLong();
        final AtomicInteger startedAfter = new AtomicInteger();
        final AtomicInteger finishedAfter = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();
        final AtomicBoolean releaseCut = new AtomicBoolean();
        final CountDownLatch releasing = new CountDownLatch(1);

        /** A step that blocks for {@code millis}; {@code deaf}: it swallows its interrupt and waits the rest out. */
        Step step(long millis, boolean deaf, int failingIndex) {
            return (resource, index) -> {
                if (System.nanoTime() > cancelReturnedAt.get()) {
                    startedAfter.incrementAndGet();
                }
                try {
                    if (index == failingIndex) {
                        throw new IllegalStateException("step " + index + " fails (injected)");
                    }
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                    for (long left; (left = until - System.nanoTime()) > 0; ) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(left); // the blocking call of the step
                        } catch (InterruptedException e) {
                            if (!deaf) {
                                throw e;
                            }
                        }
                    }
                    if (System.nanoTime() > cancelAt.get()) {
                        finishedAfter.incrementAndGet();
                    }
                    return index;
                } finally {
                    lastActivity.accumulateAndGet(System.nanoTime(), Math::max);
                }
            };
        }

        /** A resource whose release takes {@code flushMillis} (interruptibly: a cut flush is recorded). */
        Resource resource(long flushMillis) {
            return () -> {
                releases.incrementAndGet();
                releasing.countDown();
                if (flushMillis > 0) {
                    try {
                        Thread.sleep(flushMillis); // the flush
                    } catch (InterruptedException e) {
                        releaseCut.set(true);
                    }
                }
            };
        }
    }

    private record Stop(String impl, Report report, double cancelMillis, double stopMillis, int startedAfter, int finishedAfter, int releases) {
    }

    private static void printStops(PrintStream out, List<Style> styles, Plan plan) throws InterruptedException {
        boolean deaf = plan.scenario().equals("ignores-cancellation");
        Table table = new Table("impl", "ending", "items", "cancel() ms", "stop latency ms", "steps started after cancel() returned", "steps finished after cancel", "releases");
        List<Stop> stops = new ArrayList<>();
        for (Style style : styles) {
            // One short job first, not measured: the first use of a library in this JVM loads its
            // classes and starts its scheduler's threads, which would be counted as the style's stop.
            style.runner().get().start(new Job(2, () -> () -> { }, (resource, index) -> index)).await();
            Probe probe = new Probe();
            Job job = new Job(plan.steps(), () -> probe.resource(0), probe.step(plan.stepMillis(), deaf, -1));
            RunningJob running = style.runner().get().start(job);
            Thread.sleep(plan.cancelAfter()); // the experiment's clock: when to cancel
            long cancelAt = System.nanoTime();
            probe.cancelAt.set(cancelAt);
            Report report = running.cancel();
            long returned = System.nanoTime();
            probe.cancelReturnedAt.set(returned);
            running.await(); // a runner that ignored the cancel is still running: wait for it before measuring
            long stopped = Math.max(probe.lastActivity.get(), returned);
            Stop stop = new Stop(style.name(), report, (returned - cancelAt) / 1e6, Math.max(0, stopped - cancelAt) / 1e6,
                    probe.startedAfter.get(), probe.finishedAfter.get(), probe.releases.get());
            stops.add(stop);
            table.row(stop.impl(), report.ending(), report.items(), "%.1f".formatted(stop.cancelMillis()), "%.1f".formatted(stop.stopMillis()),
                    stop.startedAfter(), stop.finishedAfter(), stop.releases());
        }
        table.print(out);
        out.println();
        out.println(readingOfStops(stops, plan));
    }

    private static String readingOfStops(List<Stop> stops, Plan plan) {
        StringBuilder out = new StringBuilder("This run: ");
        Stop fastest = stops.stream().min(java.util.Comparator.comparingDouble(Stop::stopMillis)).orElseThrow();
        Stop slowest = stops.stream().max(java.util.Comparator.comparingDouble(Stop::stopMillis)).orElseThrow();
        out.append("stopped fastest: ").append(fastest.impl()).append(" (%.1f ms)".formatted(fastest.stopMillis()))
                .append(", slowest: ").append(slowest.impl()).append(" (%.1f ms)".formatted(slowest.stopMillis()))
                .append("; a step is ").append(plan.stepMillis()).append(" ms.");
        List<String> ranOn = stops.stream().filter(s -> s.startedAfter() > 0).map(s -> s.impl() + " " + s.startedAfter()).toList();
        out.append(ranOn.isEmpty() ? "\nNo style started a step after its cancel() had returned."
                : "\nSteps started after cancel() had returned: " + String.join(", ", ranOn) + " — cancellation ignored.");
        List<String> early = stops.stream().filter(s -> s.stopMillis() > s.cancelMillis() + 1).map(Stop::impl).toList();
        if (!early.isEmpty()) {
            out.append("\ncancel() returned before the job had stopped: ").append(String.join(", ", early)).append('.');
        }
        List<String> waited = stops.stream().filter(s -> s.finishedAfter() > 0).map(Stop::impl).toList();
        if (!waited.isEmpty()) {
            out.append("\nThe step in progress ran to its end (not interrupted) in: ").append(String.join(", ", waited)).append('.');
        }
        List<String> leaks = stops.stream().filter(s -> s.releases() != 1).map(s -> s.impl() + " " + s.releases()).toList();
        out.append(leaks.isEmpty() ? "\nEvery job released its resource exactly once." : "\nReleases other than one: " + String.join(", ", leaks) + '.');
        return out.toString();
    }

    // --- resource-never-freed ---

    private static void printReleases(PrintStream out, List<Style> styles, Plan plan) throws InterruptedException {
        int failing = Math.min(3, plan.steps() - 1);
        Table table = new Table("impl", "cancelled job", "releases", "failing job", "releases");
        List<String> leaky = new ArrayList<>();
        for (Style style : styles) {
            Probe cancelled = new Probe();
            RunningJob running = style.runner().get().start(new Job(plan.steps(), () -> cancelled.resource(0), cancelled.step(plan.stepMillis(), false, -1)));
            Thread.sleep(plan.cancelAfter());
            Report first = running.cancel();
            Probe failed = new Probe();
            Report second = style.runner().get().start(new Job(plan.steps(), () -> failed.resource(0), failed.step(1, false, failing))).await();
            table.row(style.name(), first.ending(), cancelled.releases.get(), second.ending(), failed.releases.get());
            if (cancelled.releases.get() != 1 || failed.releases.get() != 1) {
                leaky.add(style.name());
            }
        }
        table.print(out);
        out.println();
        out.println(leaky.isEmpty() ? "This run: every style released its resource once, cancelled or failed."
                : "This run: a resource never freed by " + String.join(", ", leaky) + " — a release after the loop is skipped by every early exit; it belongs in a finally.");
    }

    // --- cancel-races-completion ---

    private static void printRaces(PrintStream out, List<Style> styles, Plan plan) throws InterruptedException {
        Table table = new Table("impl", "runs", "completed", "cancelled", "other endings", "releases != 1", "cancel() and await() disagree");
        List<String> broken = new ArrayList<>();
        for (Style style : styles) {
            int completed = 0;
            int cancelled = 0;
            int other = 0;
            int badReleases = 0;
            int disagree = 0;
            for (int run = 0; run < plan.runs(); run++) {
                Probe probe = new Probe();
                CountDownLatch lastStep = new CountDownLatch(1);
                int last = 1;
                Step spin = (resource, index) -> {
                    if (index == last) {
                        lastStep.countDown();
                    }
                    long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(index == last ? 50 : 0);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait(); // a short last step, for the cancel to race
                    }
                    return index;
                };
                RunningJob running = style.runner().get().start(new Job(2, () -> probe.resource(0), spin));
                lastStep.await(Threads.END_WITHIN.toSeconds(), TimeUnit.SECONDS);
                Report byCancel = running.cancel();
                Report byAwait = running.await();
                switch (byCancel.ending()) {
                    case COMPLETED -> completed++;
                    case CANCELLED -> cancelled++;
                    default -> other++;
                }
                badReleases += probe.releases.get() == 1 ? 0 : 1;
                disagree += byCancel.equals(byAwait) ? 0 : 1;
            }
            table.row(style.name(), plan.runs(), completed, cancelled, other, badReleases, disagree);
            if (other + badReleases + disagree > 0) {
                broken.add(style.name());
            }
        }
        table.print(out);
        out.println();
        out.println((broken.isEmpty() ? "This run: every job ended exactly one way, released once, and told everyone the same."
                : "This run: CONTRACT BROKEN by " + String.join(", ", broken) + ".")
                + "\nHow the runs split between completed and cancelled is timing, not a result; that the split never has a third"
                + " column is what JobEndingLincheckTest proves for every interleaving.");
    }

    // --- cancel-during-cleanup ---

    private static void printCleanups(PrintStream out, List<Style> styles, Plan plan) throws InterruptedException {
        Table table = new Table("impl", "ending", "items", "flush cut short", "cancel() ms", "releases");
        List<String> wrong = new ArrayList<>();
        for (Style style : styles) {
            Probe probe = new Probe();
            int steps = Math.min(plan.steps(), 3);
            RunningJob running = style.runner().get().start(new Job(steps, () -> probe.resource(RELEASE_MS), probe.step(1, false, -1)));
            probe.releasing.await(Threads.END_WITHIN.toSeconds(), TimeUnit.SECONDS);
            long cancelAt = System.nanoTime();
            Report report = running.cancel();
            double took = (System.nanoTime() - cancelAt) / 1e6;
            running.await();
            table.row(style.name(), report.ending(), report.items(), probe.releaseCut.get() ? "yes" : "no", "%.1f".formatted(took), probe.releases.get());
            if (report.ending() != Ending.COMPLETED || probe.releaseCut.get()) {
                wrong.add(style.name());
            }
        }
        table.print(out);
        out.println();
        out.println(wrong.isEmpty() ? "This run: every style reported the completed job as completed and let its " + RELEASE_MS + " ms flush finish."
                : "This run: wrong ending or a cut flush in " + String.join(", ", wrong)
                + " — a cancel that lands in the cleanup must find the ending decided and must not interrupt.");
    }
}
