package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * BROKEN ON PURPOSE: a task that ignores cancellation. Its cancel interrupts the job's thread and
 * reports "cancelled" at once; its loop never reads a flag and swallows the interrupt a blocked step
 * throws — {@code catch (InterruptedException e) { continue; }}, the classic "this cannot happen" —
 * so the job goes on with the next step, and the next, to its end.
 *
 * <p>What it costs: the caller believes the job stopped; its thread keeps running and keeps its
 * resource (the leak check reports the thread after the test; {@code SwallowsInterruptRunnerTest}
 * probes the steps that start after {@code cancel()} returned). The fix is
 * {@link PlatformThreadRunner}: read the cancellation state before every step, treat an interrupt as
 * the end of the job, and wait for the thread before saying it stopped.
 */
public final class SwallowsInterruptRunner implements JobRunner {

    private static final AtomicInteger JOBS = new AtomicInteger();

    @Override
    public String name() {
        return "swallows-interrupt";
    }

    @Override
    public RunningJob start(Job job) {
        JobRunner.checkJob(job);
        AtomicInteger items = new AtomicInteger();
        Thread thread = Thread.ofPlatform().name("lab11-swallowing-" + JOBS.incrementAndGet()).start(() -> {
            Resource resource;
            try {
                resource = job.acquire().call();
            } catch (Exception e) {
                return;
            }
            try {
                for (int i = 0; i < job.steps(); i++) {
                    try {
                        job.step().run(resource, i);
                        items.incrementAndGet();
                    } catch (InterruptedException e) {
                        continue; // "cannot happen": the interrupt, and with it the cancel, is gone
                    } catch (Exception e) {
                        return;
                    }
                }
            } finally {
                resource.release();
            }
        });
        return new RunningJob() {
            @Override
            public Report cancel() {
                thread.interrupt();
                return Report.cancelled(items.get()); // "asked" taken for "stopped": nothing waits
            }

            @Override
            public Report await() {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Report.completed(items.get());
            }
        };
    }
}
