package labs.level03_message_passing.lab05_work_queue;

import java.util.Objects;

/**
 * The lab05 contract, met by every implementation and checked by one contract test. See the lab's
 * README.md for the spec.
 *
 * <ul>
 *   <li>{@link #submit} never blocks: it accepts the job ({@code true}) or, when {@code capacity}
 *       jobs are already waiting, refuses it ({@code false}) — that refusal is the backpressure
 *       signal that reaches the producer. A refused job was never accepted; the producer still has it.</li>
 *   <li>At most {@code workers} jobs run at once; accepted-but-unfinished jobs never exceed
 *       {@code workers + capacity}.</li>
 *   <li>A job that throws is reported as a failed {@link JobResult}; the workers carry on.</li>
 *   <li>{@link #shutdownGracefully}: stop accepting, run every queued job, wait for the workers to
 *       end. Every accepted job is in {@link Report#finished()} exactly once.</li>
 *   <li>{@link #shutdownNow}: stop accepting, start no queued job, wait for the jobs already running
 *       to end. Those are in {@code finished}; every job that never ran is in {@link Report#notRun()}.</li>
 *   <li>When a shutdown returns, no thread the queue started is alive (the leak check verifies it).</li>
 *   <li>Bad input fails with one line: workers or capacity below 1, a null job, a submit or a
 *       second shutdown after shutdown.</li>
 * </ul>
 */
public interface WorkQueue {

    /** A short name, as used by {@code labs run lab05 --impl NAME}. */
    String name();

    int workers();

    int capacity();

    /** Accepts {@code job} or refuses it because the queue is full; throws once shut down. */
    boolean submit(Job job);

    /** Stops accepting, drains the queue, waits for the workers; every accepted job has a result. */
    Report shutdownGracefully();

    /** Stops accepting, runs nothing more, waits for running jobs; the jobs never run come back. */
    Report shutdownNow();

    static int checkWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1 (got " + workers + ")");
        }
        return workers;
    }

    static int checkCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 (got " + capacity + ")");
        }
        return capacity;
    }

    static Job checkJob(Job job) {
        return Objects.requireNonNull(job, "job must not be null");
    }

    static IllegalStateException rejected(String name, Job job) {
        return new IllegalStateException("work queue '" + name + "' is shut down: job " + job.id() + " rejected");
    }

    static IllegalStateException alreadyShutDown(String name) {
        return new IllegalStateException("work queue '" + name + "' is already shut down");
    }
}
