package labs.level03_message_passing.lab05_work_queue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import labs.support.Choice;
import labs.support.CpuWork;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;

/**
 * {@code labs run lab05}: two producer threads submit CPU-bound jobs to each implementation's work
 * queue; a refused submit (queue full) makes the producer back off and retry. The table shows
 * throughput, the most jobs accepted but unfinished at once (bounded by workers + capacity), how
 * often backpressure refused a job, how long the shutdown took, and the accounting: finished +
 * not run must equal accepted, so "lost" must be 0. What it prints below the table is read off
 * the rows.
 */
public final class WorkQueueExperiment extends DescribedExperiment {

    private static final int MAX = 100_000;
    static final Setting WORKERS = Setting.wholeNumber("workers", "how many workers the queue has (default 4)", 1, 1_000);
    static final Setting CAPACITY = Setting.wholeNumber("capacity", "how many accepted jobs may wait for a worker (default 16)", 1, 10_000);
    static final Setting JOBS = Setting.wholeNumber("jobs", "how many jobs the producers submit (default 400)", 1, MAX);

    static final List<Choice> SCENARIOS = List.of(
            new Choice("slow-worker", "every 10th job is 20x longer: the queue fills, submit refuses"),
            new Choice("failing-job", "every 7th job throws: a failed result, the workers carry on"),
            new Choice("immediate", "shutdownNow after the producers: queued jobs come back unrun"));
    private static final int PRODUCERS = 2;
    private static final double JOB_MILLIS = 1;

    public WorkQueueExperiment() {
        super(WorkQueue.IMPLEMENTATIONS.choices(),
                SCENARIOS,
                List.of(WORKERS, CAPACITY, JOBS));
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        String scenario = request.scenario(SCENARIOS).orElse("none");
        int workers = request.wholeNumber(WORKERS, 4);
        int capacity = request.wholeNumber(CAPACITY, 16);
        int jobs = request.wholeNumber(JOBS, 400);
        return out -> printTo(out, impls, scenario, workers, capacity, jobs);
    }

    private static void printTo(PrintStream out, List<String> impls, String scenario, int workers, int capacity, int jobs) throws InterruptedException {
        CpuWork unit = CpuWork.calibrate(JOB_MILLIS);
        out.printf("%d jobs of ~%.0f ms CPU work from %d producers, %d workers, queue capacity %d, %d cores; scenario: %s%n%n",
                jobs, JOB_MILLIS, PRODUCERS, workers, capacity, Runtime.getRuntime().availableProcessors(), scenario);
        int bound = workers + capacity + PRODUCERS - 1;
        Table table = new Table("impl", "wall ms", "jobs/s", "max unfinished", "bound", "refused", "shutdown ms", "finished", "failed", "not run", "lost");
        List<Observed> runs = new ArrayList<>();
        for (String impl : impls) {
            Observed o = runOnce(impl, WorkQueue.IMPLEMENTATIONS.create(impl).start(workers, capacity), jobs, unit, scenario);
            runs.add(o);
            table.row(impl, "%.0f".formatted(o.wallMillis), "%.0f".formatted(o.finished * 1000.0 / o.wallMillis), o.maxUnfinished,
                    bound, o.refused, "%.1f".formatted(o.shutdownMillis), o.finished, o.failed, o.notRun, o.lost());
        }
        table.print(out);
        out.println();
        out.println("""
                'max unfinished' is counted by the producers before each submit, so it may include one job in
                the hand of each other producer: 'bound' = workers + capacity + (producers - 1).""");
        out.println(readingOf(runs, scenario, jobs, capacity, bound));
    }

    private record Observed(String impl, double wallMillis, int maxUnfinished, int refused, double shutdownMillis,
                            int accepted, int finished, long failed, int notRun) {
        int lost() {
            return accepted - finished - notRun;
        }
    }

    private static Observed runOnce(String impl, WorkQueue queue, int jobCount, CpuWork unit, String scenario) throws InterruptedException {
        AtomicInteger unfinished = new AtomicInteger();
        AtomicInteger maxUnfinished = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int first = p;
            producers.add(Thread.ofPlatform().name("lab05-producer-" + p).start(() -> {
                for (int id = first; id < jobCount; id += PRODUCERS) {
                    Job job = job(id, unit, scenario, unfinished);
                    unfinished.incrementAndGet(); // before submit: the count may over-, never under-estimate
                    while (!queue.submit(job)) {
                        refused.incrementAndGet();
                        LockSupport.parkNanos(50_000); // backpressure reached us: back off (a producer thread), then retry
                    }
                    accepted.incrementAndGet();
                    maxUnfinished.accumulateAndGet(unfinished.get(), Math::max);
                }
            }));
        }
        for (Thread producer : producers) {
            producer.join(); // producing is the work being measured, as long as it takes; each ends with its last submit
        }
        long shutdownStart = System.nanoTime();
        Report report = scenario.equals("immediate") ? queue.shutdownNow() : queue.shutdownGracefully();
        long end = System.nanoTime();
        return new Observed(impl, (end - start) / 1e6, maxUnfinished.get(), refused.get(), (end - shutdownStart) / 1e6,
                accepted.get(), report.finished().size(), report.failedCount(), report.notRun().size());
    }

    private static Job job(int id, CpuWork unit, String scenario, AtomicInteger unfinished) {
        int multiple = scenario.equals("slow-worker") && id % 10 == 0 ? 20 : 1;
        boolean fails = failsInjected(scenario, id);
        return new Job(id, () -> {
            try {
                long sum = 0;
                for (int i = 0; i < multiple; i++) {
                    sum += unit.run();
                }
                if (fails) {
                    throw new IllegalStateException("job " + id + " fails (injected)");
                }
                return sum;
            } finally {
                unfinished.decrementAndGet();
            }
        });
    }

    private static boolean failsInjected(String scenario, int id) {
        return scenario.equals("failing-job") && id % 7 == 3;
    }

    /** What this run showed, in words computed from its rows — never a claim the rows could contradict. */
    private static String readingOf(List<Observed> runs, String scenario, int jobs, int capacity, int bound) {
        StringBuilder out = new StringBuilder();
        List<String> lost = runs.stream().filter(r -> r.lost() != 0).map(r -> r.impl() + " " + r.lost()).toList();
        List<String> over = runs.stream().filter(r -> r.maxUnfinished() > bound).map(Observed::impl).toList();
        out.append(lost.isEmpty()
                ? "This run: finished + not run = accepted in every implementation ('lost' 0)"
                : "This run: CONTRACT BROKEN, accepted jobs lost: " + String.join(", ", lost));
        long reachedBound = runs.stream().filter(r -> r.maxUnfinished() == bound).count();
        out.append(!over.isEmpty()
                ? "; CONTRACT BROKEN, 'max unfinished' passed 'bound' (" + bound + ") in " + String.join(", ", over) + ".\n"
                : "; 'max unfinished' stayed within 'bound' (" + bound + ") everywhere"
                        + (reachedBound > 0 ? " and reached it in " + reachedBound + " of " + runs.size() : "") + ".\n");
        switch (scenario) {
            case "failing-job" -> {
                long injected = IntStream.range(0, jobs).filter(id -> failsInjected(scenario, id)).count();
                List<String> wrong = runs.stream().filter(r -> r.failed() != injected).map(r -> r.impl() + " " + r.failed()).toList();
                out.append(wrong.isEmpty()
                        ? "Every implementation reported exactly the " + injected + " injected failures as failed results, and ran every other job."
                        : "Failed results differ from the " + injected + " injected: " + String.join(", ", wrong) + ".");
            }
            case "immediate" -> {
                out.append("Handed back unrun: ").append(String.join(", ", runs.stream().map(r -> r.impl() + " " + r.notRun()).toList()));
                boolean withinCapacity = runs.stream().allMatch(r -> r.notRun() <= capacity);
                out.append(withinCapacity
                        ? " — never more than the capacity (" + capacity + "): only jobs still waiting for a worker are handed back. "
                        : " — more than the capacity (" + capacity + ") somewhere: a job a worker had already taken was handed back. ");
                Observed quickest = runs.stream().min(Comparator.comparingDouble(Observed::shutdownMillis)).orElseThrow();
                out.append("Quickest shutdown: ").append(quickest.impl()).append(", ").append("%.1f".formatted(quickest.shutdownMillis())).append(" ms.");
            }
            default -> {
                Observed most = runs.stream().max(Comparator.comparingInt(Observed::refused)).orElseThrow();
                Observed least = runs.stream().min(Comparator.comparingInt(Observed::refused)).orElseThrow();
                if (most.refused() == 0) {
                    out.append("No submit was refused: the queue (capacity ").append(capacity).append(") never filled, so no producer was pushed back.");
                    break;
                }
                out.append("A full queue refused a submit ").append(least == most
                                ? least.refused() + " times (" + least.impl() + ")"
                                : least.refused() + " (" + least.impl() + ") to " + most.refused() + " (" + most.impl() + ") times")
                        .append(": the producers were pushed back instead of memory growing.");
                if (scenario.equals("slow-worker")) {
                    out.append(" With every 10th job 20x longer, compare 'refused' with a run without --inject.");
                }
            }
        }
        return out.toString();
    }
}
