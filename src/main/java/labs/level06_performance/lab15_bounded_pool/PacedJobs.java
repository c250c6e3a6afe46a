package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The live experiment's jobs: an open-loop arrival schedule and a stopwatch. Job {@code i} is due
 * {@code i / rate} after the producer starts iterating (all at once for a burst); the iterator —
 * the producer's only way to the jobs (clause 5 of {@link BoundedWorkers}) — hands it over no
 * earlier than that, and notes when it did. Each job notes when it started and ended, and works by
 * sleeping {@code service}: a call to a slow service, which is what a bounded pool protects.
 *
 * <p>{@link #get(int)} is not paced: {@code checkJobs} reads the list by index, without taking jobs.
 * (For the live experiment only: its figures are read off these timestamps after the run.)
 */
final class PacedJobs extends AbstractList<Job> {

    private final List<Job> jobs = new ArrayList<>();
    private final long intervalNanos;
    private final AtomicLongArray taken;
    private final AtomicLongArray started;
    private final AtomicLongArray ended;
    private volatile long origin = -1;

    /** {@code count} jobs arriving {@code perSecond} a second (infinite: all at once), each working {@code service}. */
    PacedJobs(int count, double perSecond, Duration service) {
        this.intervalNanos = Double.isInfinite(perSecond) ? 0 : Math.round(1e9 / perSecond);
        this.taken = unset(count);
        this.started = unset(count);
        this.ended = unset(count);
        for (int id = 0; id < count; id++) {
            int jobId = id;
            jobs.add(new Job(id, () -> {
                started.set(jobId, sinceOrigin());
                Thread.sleep(service); // the slow call the job stands for: a worker's thread is busy meanwhile
                ended.set(jobId, sinceOrigin());
                return (long) jobId;
            }));
        }
    }

    private static AtomicLongArray unset(int count) {
        AtomicLongArray array = new AtomicLongArray(count);
        for (int i = 0; i < count; i++) {
            array.set(i, -1);
        }
        return array;
    }

    private long sinceOrigin() {
        return System.nanoTime() - origin;
    }

    long dueNanos(int id) {
        return id * intervalNanos;
    }

    /** When the producer took job {@code id} from the list, in ns since it started; -1 if never. */
    long takenNanos(int id) {
        return taken.get(id);
    }

    long startedNanos(int id) {
        return started.get(id);
    }

    long endedNanos(int id) {
        return ended.get(id);
    }

    @Override
    public Job get(int index) {
        return jobs.get(index);
    }

    @Override
    public int size() {
        return jobs.size();
    }

    /** The producer's way in: each job handed over at its due time, or later if the producer is late. */
    @Override
    public Iterator<Job> iterator() {
        if (origin < 0) {
            origin = System.nanoTime();
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < jobs.size();
            }

            @Override
            public Job next() {
                int id = next++;
                long wait;
                while ((wait = dueNanos(id) - sinceOrigin()) > 0) {
                    LockSupport.parkNanos(wait); // the arrival schedule: on the producer's thread, or a worker's that pulls
                }
                taken.set(id, sinceOrigin());
                return jobs.get(id);
            }
        };
    }
}
