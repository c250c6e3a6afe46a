package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * BROKEN ON PURPOSE: cancel during cleanup. The textbook shape — submit the job to an executor,
 * cancel it with {@code Future.cancel(true)}, read the ending from the future — and a job that
 * releases its resource in a {@code finally}, checks {@code isInterrupted()} between steps and lets
 * a blocked step's {@code InterruptedException} end it. It stops when asked; what goes wrong is
 * the moment after the last step.
 *
 * <p>A {@code FutureTask} counts as running until its callable has <em>returned</em>, and the
 * job's {@code finally} (its release) runs before that. So a {@code cancel(true)} that arrives during
 * the release (1) succeeds, and the future reports a job that completed every step as cancelled;
 * (2) interrupts the release, cutting a flush short; (3) returns at once: {@code get()} throws
 * {@code CancellationException} without waiting for the job's thread, which is still releasing.
 * {@code FutureCancelRunnerTest} shows all three. The fix ({@link JobEnding}): decide the ending in
 * your own state before the cleanup, interrupt only while a step runs, and wait for the thread.
 */
public final class FutureCancelRunner implements JobRunner {

    private static final AtomicInteger JOBS = new AtomicInteger();

    @Override
    public String name() {
        return "future-cancel";
    }

    @Override
    public RunningJob start(Job job) {
        JobRunner.checkJob(job);
        AtomicInteger items = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("lab11-future-cancel-" + JOBS.incrementAndGet()).factory());
        Future<Report> future = pool.submit(() -> {
            Resource resource = job.acquire().call();
            try {
                for (int i = 0; i < job.steps(); i++) {
                    if (Thread.currentThread().isInterrupted()) {
                        return Report.cancelled(items.get());
                    }
                    job.step().run(resource, i);
                    items.incrementAndGet();
                }
                return Report.completed(items.get());
            } finally {
                resource.release(); // still "running" as far as the future knows
            }
        });
        pool.shutdown(); // one job per pool; the pool ends when the job does
        return new RunningJob() {
            @Override
            public Report cancel() {
                future.cancel(true);
                return result();
            }

            @Override
            public Report await() {
                pool.close();
                return result();
            }

            private Report result() {
                try {
                    return future.get();
                } catch (CancellationException e) {
                    return Report.cancelled(items.get()); // returned at once: the job's thread may still be at work
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Report.cancelled(items.get());
                } catch (ExecutionException e) {
                    return Report.failed(items.get(), e.getCause() instanceof Exception cause ? cause : e);
                }
            }
        };
    }
}
