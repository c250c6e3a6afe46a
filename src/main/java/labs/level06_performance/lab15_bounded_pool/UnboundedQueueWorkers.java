package labs.level06_performance.lab15_bounded_pool;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * BROKEN on purpose: {@code Executors.newFixedThreadPool(workers)} — {@code workers} threads and an
 * unbounded {@link LinkedBlockingQueue}. It never refuses and never holds the producer back, so
 * every job the producer hands over is accepted at once, and what the workers cannot run yet waits
 * in a queue that grows with the load: <b>queue buildup</b>. Under a burst or a sustained rate above
 * what the workers serve, the queue (memory) and each job's wait (latency) grow without limit, and
 * nothing tells the producer.
 *
 * <p>It breaks clause 3 of {@link BoundedWorkers} (a bounded waiting room), so it is not in the
 * registry; {@code QueueBuildupTest} shows the queue growing with the burst, and
 * {@code labs run lab15 --inject queue-buildup} plots it.
 */
public final class UnboundedQueueWorkers {

    private final int workers;

    public UnboundedQueueWorkers(int workers) {
        this.workers = BoundedWorkers.checkWorkers(workers);
    }

    public int workers() {
        return workers;
    }

    /** Hands over every job at once (the queue takes them all), then waits for them. */
    public Report runAll(List<Job> jobs) {
        return ExecutorRun.run("unbounded-queue", threads -> new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads), jobs);
    }
}
