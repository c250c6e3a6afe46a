package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Result;
import labs.support.Setting;
import labs.support.Table;

/**
 * {@code labs run lab06}: one request fanned out to N branches, each a simulated remote call (the
 * branch parks its thread for a few milliseconds, as a blocking client would). The table shows
 * the wall time against the ideal (the slowest branch), the most branches running at once (the
 * fan-out's in-flight maximum), whether the results came back in branch order, and how many
 * branches were still running when the call returned. What it prints below the table is read
 * from those rows.
 */
public final class FanOutExperiment extends DescribedExperiment {

    static final Setting BRANCHES = Setting.wholeNumber("branches", "how many branches one request fans out to (default 8)", 1, 256);

    static final List<Choice> SCENARIOS = List.of(
            new Choice("slow-branch", "branch 0 takes 20x longer: the answer waits for it"),
            new Choice("failing-branch", "branch 1 throws while branch 0 is in a long call: fail fast (gather) vs keep the rest (gatherAll)"));
    private static final long CALL_MILLIS = 10;
    private static final long SLOW_MILLIS = 200;

    public FanOutExperiment() {
        super(FanOutFanIn.IMPLEMENTATIONS.choices(),
                SCENARIOS,
                List.of(BRANCHES));
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        Optional<String> scenario = request.scenario(SCENARIOS);
        int branches = request.wholeNumber(BRANCHES, 8);
        if (scenario.filter("failing-branch"::equals).isPresent() && branches < 2) {
            throw new BadInputException("--inject failing-branch needs --branches 2 or more (branch 1 fails while branch 0 is in its long call; got "
                    + branches + ")");
        }
        return out -> printTo(out, impls, scenario.orElse("none"), branches);
    }

    private static void printTo(PrintStream out, List<String> impls, String scenario, int branches) {
        out.printf("%d branches, each a ~%d ms blocking call; scenario: %s%n%n", branches, CALL_MILLIS, scenario);
        Table table = new Table("impl", "call", "wall ms", "ideal ms", "max at once", "branch order", "running after return", "outcome");
        List<Observed> rows = new ArrayList<>();
        for (String impl : impls) {
            FanOutFanIn fanOut = FanOutFanIn.IMPLEMENTATIONS.create(impl).get();
            rows.add(runOnce(impl, fanOut, scenario, branches, false));
            if (scenario.equals("failing-branch")) {
                rows.add(runOnce(impl, fanOut, scenario, branches, true));
            }
        }
        rows.forEach(row -> table.row(row.impl(), row.call(), "%.0f".formatted(row.wallMillis()), row.idealMillis(), row.maxAtOnce(),
                row.inBranchOrder().map(yes -> yes ? "yes" : "NO").orElse("-"), row.runningAfterReturn(), row.outcome()));
        table.print(out);
        out.println();
        out.println(readingOf(rows, scenario, branches));
    }

    /**
     * One call as it was seen: {@code inBranchOrder} is empty when no list came back;
     * {@code slowestOtherMillis} is when the last branch other than branch 0 had finished.
     */
    private record Observed(String impl, String call, double wallMillis, long idealMillis, int maxAtOnce, Optional<Boolean> inBranchOrder,
                            int runningAfterReturn, int values, int failures, String failedFast, double slowestOtherMillis, String outcome) {
    }

    private static Observed runOnce(String impl, FanOutFanIn fanOut, String scenario, int count, boolean all) {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxAtOnce = new AtomicInteger();
        AtomicLongArray finishedAt = new AtomicLongArray(count);
        List<Callable<Integer>> branches = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int index = i;
            long millis = i == 0 && !scenario.equals("none") ? SLOW_MILLIS : CALL_MILLIS;
            boolean fails = scenario.equals("failing-branch") && i == Math.min(1, count - 1);
            branches.add(() -> {
                maxAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    if (fails) {
                        throw new IllegalStateException("branch " + index + " fails (injected)");
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis)); // the remote call
                    if (Thread.interrupted()) {
                        throw new InterruptedException("branch " + index + " stopped");
                    }
                    return index;
                } finally {
                    finishedAt.set(index, System.nanoTime() - start);
                    running.decrementAndGet();
                }
            });
        }
        long ideal = scenario.equals("failing-branch") && !all ? 0 : scenario.equals("none") ? CALL_MILLIS : SLOW_MILLIS;
        Optional<Boolean> order = Optional.empty();
        int values = 0;
        int failures = 0;
        String failedFast = null;
        String outcome;
        long began = System.nanoTime();
        try {
            if (all) {
                List<Result<Integer>> outcomes = fanOut.gatherAll(branches);
                values = (int) outcomes.stream().filter(Result::succeeded).count();
                failures = outcomes.size() - values;
                List<Integer> slots = new ArrayList<>(); // a value names its branch; a failure holds its slot
                for (int i = 0; i < outcomes.size(); i++) {
                    slots.add(outcomes.get(i).succeeded() ? outcomes.get(i).value() : i);
                }
                order = Optional.of(inBranchOrder(slots));
                outcome = values + " values + " + failures + " failure(s) (partial results kept)";
            } else {
                List<Integer> gathered = fanOut.gather(branches);
                values = gathered.size();
                order = Optional.of(inBranchOrder(gathered));
                outcome = "all " + values + " values";
            }
        } catch (BranchFailedException e) {
            failedFast = e.getMessage();
            outcome = "failed fast: " + failedFast;
        }
        double wall = (System.nanoTime() - began) / 1e6;
        int stillRunning = running.get();
        double slowestOther = 0;
        for (int i = 1; i < count; i++) {
            slowestOther = Math.max(slowestOther, finishedAt.get(i) / 1e6);
        }
        awaitQuiet(running); // the next row starts clean even where cancellation is asynchronous
        return new Observed(impl, all ? "gatherAll" : "gather", wall, ideal, maxAtOnce.get(), order, stillRunning, values, failures,
                failedFast, slowestOther, outcome);
    }

    private static boolean inBranchOrder(List<Integer> indexes) {
        for (int i = 0; i < indexes.size(); i++) {
            if (indexes.get(i) != i) {
                return false;
            }
        }
        return true;
    }

    private static void awaitQuiet(AtomicInteger running) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (running.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
    }

    /** What this run showed, in words computed from its rows — never a claim the rows could contradict. */
    private static String readingOf(List<Observed> rows, String scenario, int branches) {
        List<Observed> gathers = rows.stream().filter(r -> r.call().equals("gather")).toList();
        StringBuilder out = new StringBuilder("This run: ");
        switch (scenario) {
            case "failing-branch" -> {
                List<Observed> failedFast = gathers.stream().filter(r -> r.failedFast() != null).toList();
                List<String> silent = names(gathers, r -> r.failedFast() == null);
                if (!failedFast.isEmpty()) {
                    out.append("gather threw after ").append(range(failedFast)).append(" ms; branch 0's call alone takes ")
                            .append(SLOW_MILLIS).append(" ms. ");
                    List<String> slow = names(failedFast, r -> r.wallMillis() >= SLOW_MILLIS);
                    out.append(slow.isEmpty()
                            ? "None waited for it."
                            : String.join(", ", slow) + " took at least as long as that call.");
                }
                if (!silent.isEmpty()) {
                    out.append(" NOT reported by ").append(String.join(", ", silent)).append(" (a contract break).");
                }
                out.append("\nBranches still running when gather returned: ")
                        .append(gathers.stream().map(r -> r.impl() + " " + r.runningAfterReturn()).collect(Collectors.joining(", "))).append(". ");
                List<String> unwinding = names(failedFast, r -> r.runningAfterReturn() > 0);
                out.append(unwinding.isEmpty()
                        ? "None returned before its stopped siblings had unwound in this run (a call that cancels rather than waits may: cancelling is a request)."
                        : String.join(", ", unwinding) + " returned while stopped siblings were still unwinding: cancelling is a request, and "
                                + "only a call that waits for its threads sees it land.");
                List<Observed> alls = rows.stream().filter(r -> r.call().equals("gatherAll")).toList();
                if (!alls.isEmpty()) {
                    out.append("\ngatherAll let every branch finish: ").append(range(alls)).append(" ms (branch 0's call alone takes ").append(SLOW_MILLIS)
                            .append(" ms), and kept ")
                            .append(alls.stream().map(r -> r.impl() + " " + r.values() + " values + " + r.failures() + " failure(s)").collect(Collectors.joining(", ")))
                            .append(alls.stream().allMatch(r -> r.inBranchOrder().orElse(false)) ? ", in branch order." : "; NOT all in branch order.");
                }
            }
            case "slow-branch" -> {
                out.append("branch 0 takes ").append(SLOW_MILLIS).append(" ms");
                if (branches > 1) {
                    out.append(", the other ").append(branches - 1).append(" ").append(CALL_MILLIS).append(" ms each. ");
                    out.append("The others had all finished after ").append(rangeOf(gathers, Observed::slowestOtherMillis))
                            .append(" ms, yet gather returned after ").append(range(gathers))
                            .append(" ms: the answer is complete only when its slowest branch is.");
                } else {
                    out.append(", the only branch; gather returned after ").append(range(gathers)).append(" ms.");
                }
                out.append(orderReading(gathers));
            }
            default -> {
                out.append("gather took ").append(range(gathers)).append(" ms for ").append(branches).append(branches == 1 ? " branch of ~" : " branches of ~")
                        .append(CALL_MILLIS).append(" ms (one after another: ").append(branches * CALL_MILLIS).append(" ms).")
                        .append("\nMost branches running at once: ")
                        .append(gathers.stream().map(r -> r.impl() + " " + r.maxAtOnce()).collect(Collectors.joining(", "))).append(" of ").append(branches).append('.');
                List<String> partial = names(gathers, r -> r.maxAtOnce() < branches);
                if (!partial.isEmpty()) {
                    out.append(" In ").append(String.join(", ", partial))
                            .append(" the first branches ended before the last had started: all started, not all overlapped.");
                }
                out.append(orderReading(gathers));
            }
        }
        return out.toString();
    }

    private static String orderReading(List<Observed> gathers) {
        List<String> unordered = names(gathers, r -> !r.inBranchOrder().orElse(true));
        return unordered.isEmpty()
                ? "\nEvery value came back in branch order, whichever branch finished first."
                : "\nNOT in branch order: " + String.join(", ", unordered) + " (a contract break).";
    }

    private static List<String> names(List<Observed> rows, Predicate<Observed> which) {
        return rows.stream().filter(which).map(Observed::impl).toList();
    }

    private static String range(List<Observed> rows) {
        return rangeOf(rows, Observed::wallMillis);
    }

    private static String rangeOf(List<Observed> rows, ToDoubleFunction<Observed> field) {
        double min = rows.stream().mapToDouble(field).min().orElse(0);
        double max = rows.stream().mapToDouble(field).max().orElse(0);
        return Math.round(min) == Math.round(max) ? "%.0f".formatted(min) : "%.0f–%.0f".formatted(min, max);
    }
}
