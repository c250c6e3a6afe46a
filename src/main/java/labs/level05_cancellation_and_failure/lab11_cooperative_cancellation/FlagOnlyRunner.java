package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Threads;

/**
 * A LESSON, not in the registry: {@link PlatformThreadRunner} with the interrupt taken out. Cancel
 * only raises the flag the loop reads between steps.
 *
 * <p>It is the right tool for steps that never block (CPU work in short steps): they cannot be
 * interrupted anyway, and the flag costs one volatile read per step. But a step blocked in a sleep,
 * a lock or a queue never reads the flag: {@code cancel()} waits the whole step out (contract clause
 * 3 broken; {@code FlagOnlyRunnerTest}), and a step that waits for ever holds {@code cancel()} for
 * ever. The CLI's "stop latency" column shows the cost: about the rest of the step in progress.
 */
public final class FlagOnlyRunner implements JobRunner {

    private static final AtomicInteger JOBS = new AtomicInteger();

    @Override
    public String name() {
        return "flag-only";
    }

    @Override
    public RunningJob start(Job job) {
        JobRunner.checkJob(job);
        JobEnding ending = new JobEnding();
        Report[] report = new Report[1];
        Throwable[] thrown = new Throwable[1];
        Thread thread = Thread.ofPlatform().name("lab11-flag-only-" + JOBS.incrementAndGet()).start(() -> {
            try {
                report[0] = JobLoop.run(job, ending);
            } catch (Throwable e) { // kept for the caller, who rethrows it as it is
                thrown[0] = e;
            }
        });
        return new RunningJob() {
            @Override
            public Report cancel() {
                ending.cancel(() -> { }); // the flag, and nothing to wake a blocked step
                Threads.awaitEnd("lab11 flag-only job", List.of(thread), null);
                return JobLoop.reportOrRethrow(report[0], thrown[0]); // join() made the arrays' contents visible
            }

            @Override
            public Report await() {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Report cancelled = cancel();
                    Thread.currentThread().interrupt();
                    return cancelled;
                }
                return JobLoop.reportOrRethrow(report[0], thrown[0]);
            }
        };
    }
}
