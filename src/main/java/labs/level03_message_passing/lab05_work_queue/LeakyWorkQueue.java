package labs.level03_message_passing.lab05_work_queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * BROKEN on purpose: the producer side never says "no more work". Its graceful shutdown waits
 * until every accepted job has run and returns a correct report — but sends no poison pill, so
 * every worker stays blocked in {@code take()} for ever. The JVM twin of a goroutine leaked on a
 * channel nobody closes.
 *
 * <p>Nothing in the report gives it away; only the threads do. {@code WorkQueueLeakTest} runs it
 * under the suite's leak check and asserts the check names the stuck {@code lab05-leaky-} workers.
 * It cannot honour the whole {@link WorkQueue} contract (clause 6 is the bug), so it does not
 * claim to: it offers only what the leak needs. The fix is {@link ThreadWorkQueue}'s: one pill per
 * worker once the work has settled, then a bounded wait for the workers to end.
 */
public final class LeakyWorkQueue {

    private static final AtomicInteger QUEUES = new AtomicInteger();

    private final BlockingQueue<Job> queue;
    private final List<Thread> threads;
    private final ConcurrentLinkedQueue<JobResult> finished = new ConcurrentLinkedQueue<>();
    private final Semaphore settled = new Semaphore(0);
    private int accepted; // guarded by this

    private LeakyWorkQueue(int workers, int capacity, ThreadFactory factory) {
        this.queue = new ArrayBlockingQueue<>(WorkQueue.checkCapacity(capacity));
        List<Thread> unstarted = new ArrayList<>();
        for (int i = 0; i < WorkQueue.checkWorkers(workers); i++) {
            unstarted.add(factory.newThread(this::work));
        }
        this.threads = List.copyOf(unstarted);
    }

    /** Starts {@code workers} platform threads named {@code lab05-leaky-…}, each waiting in {@code take()}. */
    public static LeakyWorkQueue start(int workers, int capacity) {
        LeakyWorkQueue queue = new LeakyWorkQueue(workers, capacity,
                Thread.ofPlatform().name("lab05-leaky-" + QUEUES.incrementAndGet() + "-", 1).factory());
        queue.threads.forEach(Thread::start);
        return queue;
    }

    public synchronized boolean submit(Job job) {
        boolean taken = queue.offer(WorkQueue.checkJob(job));
        if (taken) {
            accepted++;
        }
        return taken;
    }

    /** The bug: waits for the work and forgets the workers. */
    public Report shutdownGracefully() {
        int jobs;
        synchronized (this) {
            jobs = accepted;
        }
        settled.acquireUninterruptibly(jobs);
        return new Report(new ArrayList<>(finished), List.of());
    }

    private void work() {
        try {
            while (true) {
                Job job = queue.take();
                try {
                    finished.add(JobResult.run(job));
                } finally {
                    settled.release();
                }
            }
        } catch (InterruptedException e) {
            // only the leak test's clean-up interrupts these workers, once the leak check has seen them
        }
    }

    /** The workers, for the leak test's clean-up. */
    public List<Thread> threads() {
        return threads;
    }

    /** Frees the stuck workers (the leak test calls it after the leak check has seen them). */
    public void interruptLeakedWorkers() {
        threads.forEach(Thread::interrupt);
    }
}
