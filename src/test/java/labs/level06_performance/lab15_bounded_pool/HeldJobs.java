package labs.level06_performance.lab15_bounded_pool;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Watch;

/**
 * {@code count} jobs for staging a full pool: each counts itself in and then waits at a gate until
 * the test opens it, so the test can look at the pool while every worker is busy. The list counts
 * too: how many jobs the producer has {@link #taken()} from its iterator — what clause 5 of
 * {@link BoundedWorkers} makes meaningful ("the producer never reads ahead").
 *
 * <p>Jobs that run on the thread named {@link #PRODUCER} (caller-runs) are counted as started but
 * not as running on a worker.
 */
final class HeldJobs extends AbstractList<Job> {

    /** The name to give the thread that calls {@code runAll}. */
    static final String PRODUCER = "lab15-test-producer";

    private final List<Job> jobs = new ArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger onWorkers = new AtomicInteger();
    private final AtomicInteger mostOnWorkers = new AtomicInteger();

    HeldJobs(int count) {
        for (int id = 0; id < count; id++) {
            int jobId = id;
            jobs.add(new Job(id, () -> hold(jobId)));
        }
    }

    private long hold(int id) throws InterruptedException {
        started.incrementAndGet();
        boolean onWorker = !Thread.currentThread().getName().equals(PRODUCER);
        if (onWorker) {
            mostOnWorkers.accumulateAndGet(onWorkers.incrementAndGet(), Math::max);
        }
        try {
            if (!gate.await(Watch.BOUND.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("job " + id + ": the test never opened the gate");
            }
            return id;
        } finally {
            if (onWorker) {
                onWorkers.decrementAndGet();
            }
        }
    }

    /** Lets every job, running or still to come, finish at once. */
    void open() {
        gate.countDown();
    }

    int taken() {
        return taken.get();
    }

    int started() {
        return started.get();
    }

    /** The most jobs that ran at once on threads other than the producer's. */
    int mostOnWorkers() {
        return mostOnWorkers.get();
    }

    @Override
    public Job get(int index) {
        return jobs.get(index);
    }

    @Override
    public int size() {
        return jobs.size();
    }

    /** The producer's way in: counted, one job per {@code next()}. */
    @Override
    public Iterator<Job> iterator() {
        Iterator<Job> inner = jobs.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public Job next() {
                Job job = inner.next();
                taken.incrementAndGet();
                return job;
            }
        };
    }
}
