package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Threads;

/**
 * BROKEN ON PURPOSE: a resource never freed. It stops when asked — the flag between steps, the
 * interrupt for a blocked step, a bounded join, exactly like {@link PlatformThreadRunner} — but it
 * releases the resource only on the happy path, after the last step, instead of in a
 * {@code finally}: a cancelled or failed job returns with its resource still held.
 *
 * <p>{@code LeakyReleaseRunnerTest} counts the releases: 0 after a cancel, 0 after a failing step,
 * 1 after a full run. The fix is where the release goes: {@link JobLoop} releases on every path,
 * after the ending is settled.
 */
public final class LeakyReleaseRunner implements JobRunner {

    private static final AtomicInteger JOBS = new AtomicInteger();

    @Override
    public String name() {
        return "leaky-release";
    }

    @Override
    public RunningJob start(Job job) {
        JobRunner.checkJob(job);
        JobEnding ending = new JobEnding();
        AtomicInteger items = new AtomicInteger();
        Exception[] failure = new Exception[1];
        Thread thread = Thread.ofPlatform().name("lab11-leaky-release-" + JOBS.incrementAndGet()).start(() -> {
            try {
                Resource resource = job.acquire().call();
                for (int i = 0; i < job.steps() && !ending.cancelRequested(); i++) {
                    job.step().run(resource, i);
                    items.incrementAndGet();
                }
                if (!ending.cancelRequested()) {
                    resource.release(); // only here: a cancel or a failure skips it
                }
            } catch (Exception e) {
                failure[0] = e;
            }
            ending.settle(failure[0] == null ? Ending.COMPLETED : Ending.FAILED);
        });
        return new RunningJob() {
            @Override
            public Report cancel() {
                ending.cancel(thread::interrupt);
                Threads.awaitEnd("lab11 leaky-release job", List.of(thread), null);
                return report();
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
                return report();
            }

            private Report report() {
                return Report.of(ending.ending(), items.get(), failure[0]); // join() made failure[0] visible
            }
        };
    }
}
