package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Threads;

/**
 * Imperative: a platform thread per job, running {@link JobLoop}.
 *
 * <p>How a cancel reaches the job: two ways at once, because each covers what the other cannot.
 * The {@link JobEnding} is a flag the loop reads before every step (it stops a job between steps,
 * whatever the steps do), and {@link Thread#interrupt()} wakes a step blocked in a sleep, a lock or a
 * queue (which never reads a flag). Then {@code cancel()} joins the thread — bounded by
 * {@link Threads#awaitEnd}, so a job that ignores both fails the call loudly, naming the thread and
 * where it is stuck, instead of hanging the caller.
 *
 * <p>Why not an {@code ExecutorService} and {@code Future.cancel(true)}: see {@link FutureCancelRunner}.
 */
public final class PlatformThreadRunner implements JobRunner {

    private static final AtomicInteger JOBS = new AtomicInteger();

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public RunningJob start(Job job) {
        JobRunner.checkJob(job);
        JobEnding ending = new JobEnding();
        Handle handle = new Handle(ending);
        Thread thread = Thread.ofPlatform().name("lab11-platform-" + JOBS.incrementAndGet()).unstarted(() -> {
            try {
                handle.report = JobLoop.run(job, ending);
            } catch (Throwable thrown) { // kept for the caller, who rethrows it as it is (an Error stays an Error)
                handle.thrown = thrown;
            }
        });
        handle.thread = thread;
        thread.start();
        return handle;
    }

    private static final class Handle implements RunningJob {
        private final JobEnding ending;
        private Thread thread;
        // Written by the job thread before it ends; read after join(), which makes them visible.
        private volatile Report report;
        private volatile Throwable thrown;

        Handle(JobEnding ending) {
            this.ending = ending;
        }

        @Override
        public Report cancel() {
            ending.cancel(thread::interrupt);
            Threads.awaitEnd("lab11 platform job", List.of(thread), null);
            return JobLoop.reportOrRethrow(report, thrown);
        }

        @Override
        public Report await() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Report cancelled = cancel(); // the waiter was told to stop: so is what it waits for
                Thread.currentThread().interrupt();
                return cancelled;
            }
            return JobLoop.reportOrRethrow(report, thrown);
        }
    }
}
