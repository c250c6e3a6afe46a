package labs.level03_message_passing.lab05_work_queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import labs.support.Threads;

/**
 * Imperative baseline: an {@link ArrayBlockingQueue} of {@code capacity} jobs, {@code workers}
 * threads blocked in {@code take()}, and one poison pill per worker to end them.
 *
 * <p>Why poison pills: a worker blocked in {@code take()} has no other way to learn that no more
 * work will come (a queue cannot be "closed" the way a Go channel can). A pill means "stop"; one per
 * worker, queued once every accepted job has settled, ends them all. Forget the pills and the
 * workers wait for ever: that is {@link LeakyWorkQueue}.
 *
 * <p>A shutdown waits in two steps, like the reactive queues: for the work (every accepted job run
 * or handed back — as long as the jobs take; a job that never returns is lab11's subject), then for
 * the threads ({@link Threads#awaitEnd}: bounded, names a worker that did not end).
 *
 * <p>The same code runs on platform threads ({@link #platform}) and on virtual threads
 * ({@link #virtual}): only the thread factory differs, so the comparison is of the threads alone.
 */
public final class ThreadWorkQueue implements WorkQueue {

    private static final AtomicInteger QUEUES = new AtomicInteger();
    /** Compared by identity: no producer can submit this very object. */
    private static final Job POISON_PILL = new Job(Integer.MIN_VALUE, () -> 0L);

    private final String name;
    private final int workers;
    private final int capacity;
    private final BlockingQueue<Job> queue;
    private final List<Thread> threads;
    private final ConcurrentLinkedQueue<JobResult> finished = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Job> notRun = new ConcurrentLinkedQueue<>();
    /** One permit per accepted job that has run or been handed back: a shutdown waits for them all. */
    private final Semaphore settled = new Semaphore(0);
    /** The first Error a job threw, later ones suppressed in it: not a result, the shutdown rethrows it. */
    private final AtomicReference<Error> fatal = new AtomicReference<>();
    /** Set by shutdownNow: a worker that takes a job after this hands it back unrun. */
    private volatile boolean stopNow;
    private boolean accepting = true; // guarded by this, so "accepted" and "shut down" never interleave
    private int accepted;             // guarded by this

    private ThreadWorkQueue(String name, int workers, int capacity, ThreadFactory factory) {
        this.name = name;
        this.workers = WorkQueue.checkWorkers(workers);
        this.capacity = WorkQueue.checkCapacity(capacity);
        this.queue = new ArrayBlockingQueue<>(capacity);
        List<Thread> unstarted = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            unstarted.add(factory.newThread(this::work));
        }
        this.threads = List.copyOf(unstarted);
    }

    /** Starts {@code workers} platform threads, each waiting in {@code take()} for a job. */
    public static ThreadWorkQueue platform(int workers, int capacity) {
        return start("platform", workers, capacity, Thread.ofPlatform());
    }

    /** Starts {@code workers} virtual threads, each waiting in {@code take()} for a job. */
    public static ThreadWorkQueue virtual(int workers, int capacity) {
        return start("virtual", workers, capacity, Thread.ofVirtual());
    }

    private static ThreadWorkQueue start(String name, int workers, int capacity, Thread.Builder threads) {
        ThreadWorkQueue queue = new ThreadWorkQueue(name, workers, capacity,
                threads.name("lab05-" + name + "-" + QUEUES.incrementAndGet() + "-", 1).factory());
        queue.threads.forEach(Thread::start);
        return queue;
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
        // offer, not put: a full queue is the producer's to know about, never a hidden wait.
        boolean taken = queue.offer(job);
        if (taken) {
            accepted++;
        }
        return taken;
    }

    private void work() {
        while (true) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return; // nobody else owns these threads; a shutdown ends them with pills, never with interrupts
            }
            if (job == POISON_PILL) {
                return;
            }
            try {
                if (stopNow) {
                    notRun.add(job); // taken after shutdownNow: hand it back, never drop it
                } else {
                    finished.add(JobResult.run(job));
                }
            } catch (Error e) {
                keep(e); // not the job's failure but the JVM's or a test's: carried to the shutdown, never a result
            } finally {
                settled.release();
            }
        }
    }

    private void keep(Error error) {
        Error first = fatal.compareAndExchange(null, error);
        if (first != null && first != error) {
            first.addSuppressed(error);
        }
    }

    @Override
    public Report shutdownGracefully() {
        settled.acquireUninterruptibly(stopAccepting(false));
        return endWorkers();
    }

    @Override
    public Report shutdownNow() {
        int acceptedJobs = stopAccepting(true);
        List<Job> drained = new ArrayList<>();
        queue.drainTo(drained);
        notRun.addAll(drained);
        settled.release(drained.size());
        settled.acquireUninterruptibly(acceptedJobs); // the jobs already running finish
        return endWorkers();
    }

    /** One step under the submit lock: once a submit is refused as "shut down", the stop flag is set too. */
    private synchronized int stopAccepting(boolean now) {
        if (!accepting) {
            throw WorkQueue.alreadyShutDown(name);
        }
        accepting = false;
        stopNow = now;
        return accepted;
    }

    /** Every job has settled, so every worker waits in take(): one pill each, then a bounded wait for them to end. */
    private Report endWorkers() {
        Error error = fatal.get();
        long deadline = System.nanoTime() + Threads.END_WITHIN.toNanos();
        for (int i = 0; i < workers && offerPill(deadline); i++) {
            // a pill refused until the deadline means a worker is gone or stuck: awaitEnd names it
        }
        Threads.awaitEnd("lab05 '" + name + "' work queue", threads, error);
        if (error != null) {
            throw error;
        }
        return new Report(new ArrayList<>(finished), new ArrayList<>(notRun));
    }

    /** {@code offer} with the deadline; an interrupt does not cut the wait short (the flag is restored). */
    private boolean offerPill(long deadline) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return queue.offer(POISON_PILL, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
