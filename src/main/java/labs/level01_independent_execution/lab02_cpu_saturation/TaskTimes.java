package labs.level01_independent_execution.lab02_cpu_saturation;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * When each task of one batch was taken, started and ended, and which thread ran it — written by
 * the threads that run the tasks, read by the caller once the batch has ended ({@link Measurement}).
 *
 * <p>Why slots and not a histogram: the tasks run on {@code parallel()} and {@code computation()}
 * threads too, where nothing may park. An auto-resizing HdrHistogram {@code Recorder} takes a lock
 * to grow; two tasks growing it at once park one of them (under BlockHound: an error, then an
 * {@code IllegalMonitorStateException} from its {@code finally}). Here every task owns its slots in
 * arrays allocated before the batch: recording is a clock read and a volatile store — no lock, no
 * allocation, no resize. The histograms are built afterwards, on the caller's thread.
 *
 * <p>The clock is a parameter so that a test can give exact times; the experiment uses
 * {@link System#nanoTime()}.
 */
public final class TaskTimes {

    private final int size;
    private final LongSupplier nanoClock;
    private final AtomicLongArray taken;
    private final AtomicLongArray started;
    private final AtomicLongArray ended;
    /** The id of the thread that ran each task, set last: 0 while the task has not ended. */
    private final AtomicLongArray ranOn;
    private final AtomicInteger takenCount = new AtomicInteger();

    public TaskTimes(int tasks, LongSupplier nanoClock) {
        this.size = Scheduling.checkTasks(tasks);
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.taken = new AtomicLongArray(tasks);
        this.started = new AtomicLongArray(tasks);
        this.ended = new AtomicLongArray(tasks);
        this.ranOn = new AtomicLongArray(tasks);
    }

    /** A batch of {@code tasks} timed with {@link System#nanoTime()}. */
    public static TaskTimes of(int tasks) {
        return new TaskTimes(tasks, System::nanoTime);
    }

    public int size() {
        return size;
    }

    /** The clock's time now, in nanoseconds. */
    public long now() {
        return nanoClock.getAsLong();
    }

    /**
     * Task {@code i}, which runs {@code work}: called by the scheduling when it takes the task, so
     * that moment is recorded as taken; running it records when it started and ended, and where.
     */
    public Runnable take(int i, Work work) {
        Objects.checkIndex(i, size);
        Objects.requireNonNull(work, "work");
        taken.set(i, now());
        takenCount.incrementAndGet();
        return () -> {
            started.set(i, now());
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("task " + i + " was interrupted", e);
            }
            ended.set(i, now());
            ranOn.set(i, Thread.currentThread().threadId());
        };
    }

    /** How many tasks have been taken so far. */
    public int takenCount() {
        return takenCount.get();
    }

    /** Whether task {@code i} has run to its end. */
    public boolean hasEnded(int i) {
        return ranOn.get(i) != 0;
    }

    long taken(int i) {
        return taken.get(i);
    }

    long started(int i) {
        return started.get(i);
    }

    long ended(int i) {
        return ended.get(i);
    }

    long ranOn(int i) {
        return ranOn.get(i);
    }
}
