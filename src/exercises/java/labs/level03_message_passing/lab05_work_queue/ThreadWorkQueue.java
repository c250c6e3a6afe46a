package labs.level03_message_passing.lab05_work_queue;

/**
 * YOUR imperative work queue — lab05's starting point. Replace every {@code TODO(lab05)}; the lab's
 * tests ({@code WorkQueueContractTest} for {@code platform} and {@code virtual}, {@code WorkQueueLeakTest})
 * then check your code, under BlockHound and the leak check.
 *
 * <p>The contract (the lab's README, and {@link WorkQueue}):
 * <ol>
 *   <li>{@link #submit} never waits for room: {@code true} (accepted) or {@code false} when
 *       {@code capacity} accepted jobs are waiting for a worker. A refused job was never accepted.</li>
 *   <li>At most {@code workers} jobs run at once; accepted-but-unfinished never exceed
 *       {@code workers + capacity}.</li>
 *   <li>A job that throws an exception is a failed {@link JobResult} ({@code JobResult.run(job)}
 *       settles one on the calling thread); the workers carry on.</li>
 *   <li>{@link #shutdownGracefully}: stop accepting, run every queued job, end the workers; every
 *       accepted job is in {@code finished} exactly once.</li>
 *   <li>{@link #shutdownNow}: stop accepting, start no queued job (hand each back in
 *       {@code notRun}), let the running ones finish.</li>
 *   <li>When a shutdown returns or throws, every thread the queue started has ended
 *       ({@code labs.support.Threads.awaitEnd} waits for them, bounded).</li>
 *   <li>An {@link Error} thrown by a job is not a result: the shutdown rethrows it as it is, once
 *       the threads have ended.</li>
 *   <li>Bad input, one line each: {@code WorkQueue.checkWorkers}, {@code checkCapacity},
 *       {@code checkJob}, {@code rejected}, {@code alreadyShutDown}.</li>
 * </ol>
 *
 * <p>The lesson is the shutdown: a worker blocked in {@code take()} learns there is no more work
 * only from the queue. Constructors start no threads; {@link #platform} and {@link #virtual} do.
 * The reference solution is in {@code src/main/java}, one file away — try first.
 */
public final class ThreadWorkQueue implements WorkQueue {

    private final String name;
    private final int workers;
    private final int capacity;

    private ThreadWorkQueue(String name, int workers, int capacity) {
        this.name = name;
        this.workers = WorkQueue.checkWorkers(workers);
        this.capacity = WorkQueue.checkCapacity(capacity);
    }

    /** Starts {@code workers} platform threads, each waiting for a job. */
    public static ThreadWorkQueue platform(int workers, int capacity) {
        ThreadWorkQueue queue = new ThreadWorkQueue("platform", workers, capacity);
        throw new UnsupportedOperationException("TODO(lab05): start " + queue.workers + " platform threads (Thread.ofPlatform()), each taking jobs from a queue of capacity " + queue.capacity);
    }

    /** Starts {@code workers} virtual threads, each waiting for a job: the same code, another thread factory. */
    public static ThreadWorkQueue virtual(int workers, int capacity) {
        ThreadWorkQueue queue = new ThreadWorkQueue("virtual", workers, capacity);
        throw new UnsupportedOperationException("TODO(lab05): start " + queue.workers + " virtual threads (Thread.ofVirtual()) running the same worker loop");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean submit(Job job) {
        throw new UnsupportedOperationException("TODO(lab05): accept the job if fewer than capacity jobs wait, refuse it (false) otherwise — never wait for room");
    }

    @Override
    public Report shutdownGracefully() {
        throw new UnsupportedOperationException("TODO(lab05): stop accepting, let the workers run every queued job, then tell each worker there is no more work and wait (bounded) for it to end");
    }

    @Override
    public Report shutdownNow() {
        throw new UnsupportedOperationException("TODO(lab05): stop accepting, hand back every queued job unrun (notRun), let the running ones finish, then end the workers");
    }
}
