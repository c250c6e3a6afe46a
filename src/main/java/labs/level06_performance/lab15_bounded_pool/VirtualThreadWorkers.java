package labs.level06_performance.lab15_bounded_pool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Imperative, JDK 21 style: a virtual thread per job, and a {@link Semaphore} of {@code workers}
 * permits that the producer takes before it takes the next job. Virtual threads are cheap and must
 * not be pooled; what must be bounded is the work in flight, and a semaphore bounds exactly that.
 *
 * <p>Overload: when every permit is out, the producer parks in {@code acquire()} until a job ends —
 * backpressure by waiting ({@link Overload#HOLD_BACK}). Nothing queues inside: the producer takes a
 * job only once a worker is free, so the waiting room is 0 ({@code capacity} is accepted and unused).
 * The jobs that cannot start yet stay where they came from — with the producer.
 */
public final class VirtualThreadWorkers implements BoundedWorkers {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final int workers;
    private final int capacity;

    public VirtualThreadWorkers(int workers, int capacity) {
        this.workers = BoundedWorkers.checkWorkers(workers);
        this.capacity = BoundedWorkers.checkCapacity(capacity);
    }

    @Override
    public String name() {
        return "virtual-semaphore";
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
    public int waitingRoom() {
        return 0;
    }

    @Override
    public Overload overload() {
        return Overload.HOLD_BACK;
    }

    @Override
    public Report runAll(List<Job> jobs) {
        Iterator<Job> pending = BoundedWorkers.checkJobs(jobs).iterator();
        Semaphore permits = new Semaphore(workers);
        ConcurrentLinkedQueue<Settled.Ran> ran = new ConcurrentLinkedQueue<>();
        AtomicReference<Error> fatal = new AtomicReference<>();
        boolean interrupted = false;
        // close() at the end of the block waits for every virtual thread started in it: the structured part.
        try (ExecutorService perJob = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("lab15-virtual-" + RUNS.incrementAndGet() + "-", 1).factory())) {
            while (true) {
                try {
                    permits.acquire(); // a free worker first, then the next job: the producer never holds one that cannot start
                } catch (InterruptedException e) {
                    interrupted = true; // stop submitting; the jobs already started still end before we return
                    break;
                }
                if (!pending.hasNext()) {
                    break;
                }
                Job job = pending.next();
                perJob.execute(() -> {
                    try {
                        ran.add(Settled.Ran.run(job));
                    } catch (Error e) {
                        if (!fatal.compareAndSet(null, e)) {
                            fatal.get().addSuppressed(e);
                        }
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free worker: " + ran.size() + " jobs ran, the rest were not submitted");
        }
        return new Report(new ArrayList<>(ran), List.of());
    }
}
