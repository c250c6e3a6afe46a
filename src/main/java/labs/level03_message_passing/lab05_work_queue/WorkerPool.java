package labs.level03_message_passing.lab05_work_queue;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import labs.support.Threads;

/**
 * The fixed pool of {@code workers} platform threads a reactive queue's blocking edge
 * ({@code ReactorWorkQueue.start}, {@code RxJavaWorkQueue.start}) runs its jobs on, and ends with
 * the queue. One shared task queue, so the next job goes to the first free thread.
 *
 * <p>Why it keeps its threads: a pool reports "terminated" a moment before its last thread has
 * returned, so {@link #end} also joins them — "shut down" then means every thread has ended, which
 * is what the contract promises (and what {@code WorkQueueContractTest} checks the instant a
 * shutdown throws).
 */
final class WorkerPool {

    private final String owner;
    private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final ExecutorService executor;

    /** Starts nothing yet: the pool makes each thread when its first jobs arrive. */
    WorkerPool(String owner, String threadPrefix, int workers) {
        this.owner = owner;
        var named = Thread.ofPlatform().name(threadPrefix, 1).factory();
        this.executor = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = named.newThread(task);
            threads.add(thread);
            return thread;
        });
    }

    ExecutorService executor() {
        return executor;
    }

    /**
     * Once the job stream has ended: shuts the pool down and waits, bounded, for it to terminate and
     * for each of its threads to end; a timeout is added to {@code failure} when there is one.
     */
    void end(Throwable failure) {
        Threads.shutdownAndAwait(owner, executor, false, failure);
        Threads.awaitEnd(owner, threads, failure);
    }
}
