package labs.level03_message_passing.lab05_work_queue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import labs.support.CpuWork;
import labs.support.Experiment;
import labs.support.Choice;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;

/**
 * {@code labs run lab05}: two producer threads submit CPU-bound jobs to each implementation's work
 * queue; a refused submit (queue full) makes the producer back off and retry. The table shows
 * throughput, the most jobs accepted but unfinished at once (bounded by workers + capacity), how
 * often backpressure refused a job, how long the shutdown took, and the accounting: finished +
 * not run must equal accepted, so "lost" must be 0.
 */
public final class WorkQueueExperiment implements Experiment {

    private static final int MAX = 100_000;
    static final Setting WORKERS = Setting.wholeNumber("workers", "how many workers the queue has (default 4)", 1, 1_000);
    static final Setting JOBS = Setting.wholeNumber("jobs", "how many jobs the producers submit (default 400)", 1, MAX);

    static final List<Choice> SCENARIOS = List.of(new Choice("slow-worker", "every 10th job is 20x longer: the queue fills, submit refuses"), new Choice("failing-job", "every 7th job throws: a failed result, the workers carry on"), new Choice("immediate", "shutdownNow after the producers: queued jobs come back unrun"));
    private static final int CAPACITY = 16;
    private static final int PRODUCERS = 2;
    private static final double JOB_MILLIS = 1;

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
        return List.of(WORKERS, JOBS);
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        Optional<String> scenario = request.scenario(SCENARIOS);
        int workers = request.wholeNumber(WORKERS, 4);
        int jobs = request.wholeNumber(JOBS, 400);
        return out -> printTo(out, impls, scenario.orElse("none"), workers, jobs);
    }

    private static void printTo(PrintStream out, List<String> impls, String scenario, int workers, int jobs) throws InterruptedException {
        CpuWork unit = CpuWork.calibrate(JOB_MILLIS);
        out.printf("%d jobs of ~%.0f ms CPU work from %d producers, %d workers, queue capacity %d, %d cores; scenario: %s%n%n",
                jobs, JOB_MILLIS, PRODUCERS, workers, CAPACITY, Runtime.getRuntime().availableProcessors(), scenario);
        Table table = new Table("impl", "wall ms", "jobs/s", "max unfinished", "bound", "refused", "shutdown ms", "finished", "failed", "not run", "lost");
        for (String impl : impls) {
            Observed o = runOnce(Implementations.byLabel(impl).create(workers, CAPACITY), jobs, unit, scenario);
            table.row(impl, "%.0f".formatted(o.wallMillis), "%.0f".formatted(o.finished * 1000.0 / o.wallMillis), o.maxUnfinished,
                    workers + CAPACITY + PRODUCERS - 1, o.refused, "%.1f".formatted(o.shutdownMillis), o.finished, o.failed, o.notRun, o.accepted - o.finished - o.notRun);
        }
        table.print(out);
        out.println();
        out.println("""
                'max unfinished' is counted by the producers before each submit, so it may include one job in
                the hand of each other producer: 'bound' = workers + capacity + (producers - 1).""");
        out.println(explanation(scenario));
    }

    private record Observed(double wallMillis, int maxUnfinished, int refused, double shutdownMillis, int accepted, int finished, long failed, int notRun) {
    }

    private static Observed runOnce(WorkQueue queue, int jobCount, CpuWork unit, String scenario) throws InterruptedException {
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
                        LockSupport.parkNanos(50_000); // backpressure reached us: back off, then retry
                    }
                    accepted.incrementAndGet();
                    maxUnfinished.accumulateAndGet(unfinished.get(), Math::max);
                }
            }));
        }
        for (Thread producer : producers) {
            producer.join();
        }
        long shutdownStart = System.nanoTime();
        Report report = scenario.equals("immediate") ? queue.shutdownNow() : queue.shutdownGracefully();
        long end = System.nanoTime();
        return new Observed((end - start) / 1e6, maxUnfinished.get(), refused.get(), (end - shutdownStart) / 1e6,
                accepted.get(), report.finished().size(), report.failedCount(), report.notRun().size());
    }

    private static Job job(int id, CpuWork unit, String scenario, AtomicInteger unfinished) {
        int multiple = scenario.equals("slow-worker") && id % 10 == 0 ? 20 : 1;
        boolean fails = scenario.equals("failing-job") && id % 7 == 3;
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

    private static String explanation(String scenario) {
        return switch (scenario) {
            case "slow-worker" -> """
                    Every 10th job is 20x longer. Workers stuck on them stop taking jobs, the queue fills and
                    submit refuses ('refused' grows): backpressure reaches the producers instead of memory
                    growing. 'max unfinished' never passes 'bound'.""";
            case "failing-job" -> """
                    Every 7th job throws. Each is reported as a failed result ('failed'); the workers carry on
                    and every other job still finishes. Nothing is lost.""";
            case "immediate" -> """
                    shutdownNow right after the producers finish: queued jobs are not started but handed back
                    ('not run'); jobs already running finish. finished + not run = accepted, so 'lost' is 0,
                    and the shutdown is quicker than a drain.""";
            default -> """
                    Graceful shutdown: stop accepting, drain, end the workers. Every accepted job finished
                    exactly once ('lost' = 0); 'refused' counts the times a full queue pushed back on a producer.""";
        };
    }
}
