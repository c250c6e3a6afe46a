package labs.level03_message_passing.lab05_work_queue;

import java.util.Objects;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The lab05 contract, met by every implementation and checked by one contract test. See the lab's
 * README.md for the spec.
 *
 * <ol>
 *   <li>{@link #submit} never waits for room: it accepts the job ({@code true}) or, when
 *       {@code capacity} accepted jobs are waiting for a worker, refuses it ({@code false}) — that
 *       refusal is the backpressure signal that reaches the producer. A refused job was never
 *       accepted; the producer still has it.</li>
 *   <li>At most {@code workers} jobs run at once; accepted-but-unfinished jobs never exceed
 *       {@code workers + capacity}.</li>
 *   <li>A job that throws an {@link Exception} is reported as a failed {@link JobResult}; the
 *       workers carry on.</li>
 *   <li>{@link #shutdownGracefully}: stop accepting, run every queued job, wait for the workers to
 *       end. Every accepted job is in {@link Report#finished()} exactly once.</li>
 *   <li>{@link #shutdownNow}: stop accepting, start no queued job, wait for the jobs already running
 *       to end. Those are in {@code finished}; every job that never ran is in {@link Report#notRun()}.</li>
 *   <li>When a shutdown returns or throws, no thread the queue started is alive (the leak check
 *       verifies it).</li>
 *   <li>An {@link Error} thrown by a job is not a result: the next shutdown rethrows it as it is,
 *       once the queue's threads have ended (what happened to the other jobs meanwhile is not
 *       reported: a reactive queue's stream ends at the Error).</li>
 *   <li>Bad input fails with one line: workers or capacity below 1, a null job, a submit or a
 *       second shutdown after shutdown.</li>
 * </ol>
 */
public interface WorkQueue {

    /** How a started queue is made: the registry's factory type. */
    @FunctionalInterface
    interface Starter {
        /** A queue whose workers are waiting for jobs. Whoever starts one must shut it down. */
        WorkQueue start(int workers, int capacity);
    }

    /**
     * Every implementation, by the name {@code --impl} takes; the contract test runs each of them
     * ({@code IMPLEMENTATIONS.create("reactor").start(4, 16)}).
     */
    Implementations<Starter> IMPLEMENTATIONS = Implementations.of("lab05",
            new Implementation<>("platform", "ArrayBlockingQueue(capacity), W platform threads in take(), one poison pill per worker", ThreadWorkQueue::platform),
            new Implementation<>("virtual", "the same queue and poison pills on W virtual threads", ThreadWorkQueue::virtual),
            new Implementation<>("reactor", "unicast sink + admission count, flatMap(job -> run(job).subscribeOn(a pool of W), W)", ReactorWorkQueue::start),
            new Implementation<>("rxjava", "UnicastProcessor + admission count, flatMapMaybe(job -> run(job).subscribeOn(a pool of W), false, W)", RxJavaWorkQueue::start));

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

    /** A reactive queue whose job stream has ended on a failure takes no more work; its shutdown says why. */
    static IllegalStateException failed(String name, Job job) {
        return new IllegalStateException("work queue '" + name + "' has failed (its shutdown reports why): job " + job.id() + " rejected");
    }
}
