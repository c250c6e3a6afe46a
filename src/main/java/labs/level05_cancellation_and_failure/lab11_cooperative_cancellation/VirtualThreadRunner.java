package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Threads;

/**
 * Imperative, JDK 21 style: each job gets a virtual thread in an executor of its own, running
 * {@link JobLoop}; the executor is the job's scope.
 *
 * <p>How a cancel reaches the job: the {@link JobEnding} flag between steps, and
 * {@link ExecutorService#shutdownNow()}, which interrupts the executor's only thread (the job's) and
 * refuses anything new. {@code cancel()} then waits for the executor to terminate, bounded
 * ({@link Threads#shutdownAndAwait}, which only {@code shutdown()}s: a second interrupt could land in
 * the cleanup). {@code await()} ends with {@link ExecutorService#close()}, which waits for the thread.
 *
 * <p>Why {@code await()} does not simply call {@code close()}: an interrupted {@code close()} passes
 * the interrupt on with {@code shutdownNow()}, which knows nothing of the flag. The job would see an
 * {@code InterruptedException} that is not a cancel (ending: {@code FAILED}), and the interrupt could
 * arrive during the release. So the waiter's interrupt is turned into {@code cancel()} first; by the
 * time {@code close()} runs, the job has returned and there is nothing left to interrupt.
 */
public final class VirtualThreadRunner implements JobRunner {

    private static final AtomicInteger JOBS = new AtomicInteger();

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public RunningJob start(Job job) {
        JobRunner.checkJob(job);
        JobEnding ending = new JobEnding();
        ExecutorService scope = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab11-virtual-" + JOBS.incrementAndGet()).factory());
        Future<Report> report = scope.submit(() -> JobLoop.run(job, ending));
        scope.shutdown(); // one job per scope: nothing else may start in it; the job itself runs on
        return new Handle(scope, report, ending);
    }

    private record Handle(ExecutorService scope, Future<Report> report, JobEnding ending) implements RunningJob {

        @Override
        public Report cancel() {
            ending.cancel(scope::shutdownNow);
            Threads.shutdownAndAwait("lab11 virtual job", scope, false, null);
            return result();
        }

        @Override
        public Report await() {
            try {
                report.get();
            } catch (InterruptedException e) {
                Report cancelled = cancel();
                Thread.currentThread().interrupt();
                return cancelled;
            } catch (ExecutionException e) {
                // the job threw (an Error, a failing release): result() rethrows it once the thread has ended
            }
            scope.close(); // the job has returned: this only waits for its virtual thread to end
            return result();
        }

        private Report result() {
            return switch (report.state()) {
                case SUCCESS -> report.resultNow();
                case FAILED -> JobLoop.reportOrRethrow(null, report.exceptionNow());
                default -> throw new IllegalStateException("the job's future is " + report.state() + " after its thread ended");
            };
        }
    }
}
