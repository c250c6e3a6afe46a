package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import labs.support.Experiment;
import labs.support.Choice;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;

/**
 * {@code labs run lab06}: one request fanned out to N branches, each a simulated remote call (the
 * branch parks its thread for a few milliseconds, as a blocking client would). The table shows
 * the wall time against the ideal (the slowest branch), the most branches running at once (the
 * fan-out's in-flight maximum), whether the results came back in branch order, and how many
 * branches were still running when the call returned.
 */
public final class FanOutExperiment implements Experiment {

    static final Setting BRANCHES = Setting.wholeNumber("branches", "how many branches one request fans out to (default 8)", 1, 256);

    static final List<Choice> SCENARIOS = List.of(new Choice("slow-branch", "branch 0 takes 20x longer: the results wait for it"), new Choice("failing-branch", "branch 1 throws: fail fast (gather) vs keep the rest (gatherAll)"));
    private static final long CALL_MILLIS = 10;
    private static final long SLOW_MILLIS = 200;

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
        return List.of(BRANCHES);
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        Optional<String> scenario = request.scenario(SCENARIOS);
        int branches = request.wholeNumber(BRANCHES, 8);
        return out -> printTo(out, impls, scenario.orElse("none"), branches);
    }

    private static void printTo(PrintStream out, List<String> impls, String scenario, int branches) {
        out.printf("%d branches, each a ~%d ms blocking call; scenario: %s%n%n", branches, CALL_MILLIS, scenario);
        Table table = new Table("impl", "call", "wall ms", "ideal ms", "max at once", "branch order", "running after return", "outcome");
        for (String impl : impls) {
            FanOutFanIn fanOut = Implementations.byLabel(impl).create();
            row(table, impl, "gather", scenario, branches, fanOut, false);
            if (scenario.equals("failing-branch")) {
                row(table, impl, "gatherAll", scenario, branches, fanOut, true);
            }
        }
        table.print(out);
        out.println();
        out.println(explanation(scenario));
    }

    private static void row(Table table, String impl, String call, String scenario, int count, FanOutFanIn fanOut, boolean all) {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxAtOnce = new AtomicInteger();
        List<Callable<Integer>> branches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            long millis = scenario.equals("slow-branch") && i == 0 ? SLOW_MILLIS
                    : scenario.equals("failing-branch") && i == 0 ? SLOW_MILLIS
                    : CALL_MILLIS;
            boolean fails = scenario.equals("failing-branch") && i == Math.min(1, count - 1);
            branches.add(() -> {
                maxAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    if (fails) {
                        throw new IllegalStateException("branch " + index + " fails (injected)");
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
                    if (Thread.interrupted()) {
                        throw new InterruptedException("branch " + index + " stopped");
                    }
                    return index;
                } finally {
                    running.decrementAndGet();
                }
            });
        }
        long ideal = scenario.equals("failing-branch") && !all ? 0 : scenario.equals("none") ? CALL_MILLIS : SLOW_MILLIS;
        long start = System.nanoTime();
        String outcome;
        String order;
        try {
            if (all) {
                List<BranchOutcome<Integer>> outcomes = fanOut.gatherAll(branches);
                order = inOrder(outcomes.stream().map(BranchOutcome::branch).toList());
                outcome = outcomes.stream().filter(BranchOutcome::succeeded).count() + " values + "
                        + outcomes.stream().filter(o -> !o.succeeded()).count() + " failure (partial results kept)";
            } else {
                List<Integer> values = fanOut.gather(branches);
                order = inOrder(values);
                outcome = "all " + values.size() + " values";
            }
        } catch (BranchFailedException e) {
            order = "-";
            outcome = "failed fast: " + e.getMessage();
        }
        double wall = (System.nanoTime() - start) / 1e6;
        int stillRunning = running.get();
        table.row(impl, call, "%.0f".formatted(wall), ideal, maxAtOnce.get(), order, stillRunning, outcome);
        awaitQuiet(running); // the next row starts clean even where cancellation is asynchronous
    }

    private static String inOrder(List<Integer> indexes) {
        for (int i = 0; i < indexes.size(); i++) {
            if (indexes.get(i) != i) {
                return "NO";
            }
        }
        return "yes";
    }

    private static void awaitQuiet(AtomicInteger running) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (running.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
    }

    private static String explanation(String scenario) {
        return switch (scenario) {
            case "slow-branch" -> """
                    Branch 0 takes 200 ms. The call takes as long as the slowest branch, and in branch order
                    nothing is returned before branch 0 even though the others were done after 10 ms
                    (head-of-line blocking). Completion order (flatMap) would hand them over earlier.""";
            case "failing-branch" -> """
                    Branch 1 fails at once while branch 0 is in a 200 ms call. gather fails fast and stops the
                    sibling; 'running after return' shows whether the sibling had already unwound when the call
                    returned (threads wait for it; Reactor/RxJava cancel and return, the interrupt lands just
                    after). gatherAll (delay errors) waits for every branch and keeps the partial results.""";
            default -> """
                    All branches start at once: the wall time is about one call, not the sum, and the values
                    come back in branch order whichever finished first.""";
        };
    }
}
