package labs.level03_message_passing.lab05_work_queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Imperative baseline: an {@link ArrayBlockingQueue} of {@code capacity} jobs, {@code workers}
 * threads blocked in {@code take()}, and one poison pill per worker to end them.
 *
 * <p>Why poison pills: a worker blocked in {@code take()} has no other way to learn that no more
 * work will come (a queue cannot be "closed" the way a Go channel can). A pill queued behind the
 * last job means "everything before me is done; stop" — graceful shutdown for free, in FIFO order.
 * Forget the pills and the workers wait forever: that is {@link LeakyWorkQueue}.
 *
 * <p>The same code runs on platform threads ({@link #platform}) and on virtual threads
 * ({@link #virtual}): only the thread factory differs, so the comparison is of the threads alone.
 */
public class ThreadWorkQueue implements WorkQueue {

    private static final AtomicInteger QUEUES = new AtomicInteger();
    /** Compared by identity: no producer can submit this very object. */
    private static final Job POISON_PILL = new Job(Integer.MIN_VALUE, () -> 0L);

    private final String name;
    private final int workers;
    private final int capacity;
    private final BlockingQueue<Job> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<JobResult> finished = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Job> notRun = new ConcurrentLinkedQueue<>();
    /** Set by shutdownNow: a worker that takes a job after this returns it unrun. */
    private volatile boolean stopNow;
    /** Guarded by {@code this}, so "accepted" and "shut down" can never interleave. */
    private boolean accepting = true;
    /** Guarded by {@code settled}: how many accepted jobs have finished or been set aside. */
    private final int[] settled = new int[1];
    private int accepted;

    public static ThreadWorkQueue platform(int workers, int capacity) {
        return new ThreadWorkQueue("platform", workers, capacity, Thread.ofPlatform().name("lab05-platform-" + QUEUES.incrementAndGet() + "-", 1).factory());
    }

    public static ThreadWorkQueue virtual(int workers, int capacity) {
        return new ThreadWorkQueue("virtual", workers, capacity, Thread.ofVirtual().name("lab05-virtual-" + QUEUES.incrementAndGet() + "-", 1).factory());
    }

    ThreadWorkQueue(String name, int workers, int capacity, ThreadFactory threads) {
        this.name = name;
        this.workers = WorkQueue.checkWorkers(workers);
        this.capacity = WorkQueue.checkCapacity(capacity);
        // The pills need room too; they wait (put) behind the jobs, so the bound is still `capacity` jobs.
        this.queue = new ArrayBlockingQueue<>(capacity);
        for (int i = 0; i < workers; i++) {
            Thread worker = threads.newThread(this::work);
            this.threads.add(worker);
            worker.start();
        }
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
    public synchronized boolean submit(Job job) {
        WorkQueue.checkJob(job);
        if (!accepting) {
            throw WorkQueue.rejected(name, job);
        }
        // offer, not put: a full queue is the producer's problem to know about, never a hidden wait.
        boolean taken = queue.offer(job);
        if (taken) {
            accepted++;
        }
        return taken;
    }

    private void work() {
        try {
            while (true) {
                Job job = queue.take();
                if (job == POISON_PILL) {
                    return;
                }
                if (stopNow) {
                    notRun.add(job); // taken after shutdownNow: hand it back, never drop it
                } else {
                    finished.add(JobResult.run(job));
                }
                settle();
            }
        } catch (InterruptedException e) {
            // Only LeakyWorkQueue's clean-up interrupts a worker; nobody else owns these threads.
        }
    }

    private void settle() {
        synchronized (settled) {
            settled[0]++;
            settled.notifyAll();
        }
    }

    @Override
    public Report shutdownGracefully() {
        stopAccepting(false);
        endWorkers();
        return report();
    }

    @Override
    public Report shutdownNow() {
        stopAccepting(true);
        List<Job> drained = new ArrayList<>();
        queue.drainTo(drained);
        for (Job job : drained) {
            notRun.add(job);
            settle();
        }
        endWorkers();
        return report();
    }

    /** One step under the submit lock: once a submit is refused as "shut down", the stop flag is set too. */
    private synchronized void stopAccepting(boolean now) {
        if (!accepting) {
            throw WorkQueue.alreadyShutDown(name);
        }
        accepting = false;
        stopNow = now;
    }

    /** One pill per worker, queued behind whatever is left, then wait for every worker to end. */
    protected void endWorkers() {
        for (int i = 0; i < workers; i++) {
            putUninterruptibly(POISON_PILL);
        }
        for (Thread thread : threads) {
            joinUninterruptibly(thread);
        }
    }

    /** Waits until every accepted job has run or been handed back (used by the leaky variant). */
    protected final void awaitAllSettled() {
        int acceptedSoFar;
        synchronized (this) {
            acceptedSoFar = accepted;
        }
        synchronized (settled) {
            boolean interrupted = false;
            while (settled[0] < acceptedSoFar) {
                try {
                    settled.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    protected final List<Thread> threads() {
        return threads;
    }

    private Report report() {
        return new Report(new ArrayList<>(finished), new ArrayList<>(notRun));
    }

    private void putUninterruptibly(Job job) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(job);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A shutdown that returned early on interrupt would leave workers running: wait, then re-assert. */
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
