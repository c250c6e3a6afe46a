package labs.level01_independent_execution.lab02_cpu_saturation;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import labs.support.Threads;

/**
 * The imperative ways: a window of {@code workers} tasks handed to an executor made for the batch —
 * a fixed pool of platform threads ({@link #platformThreads}) or a new virtual thread per task
 * ({@link #virtualThreads}). The two differ only in those threads, which is the lab's point.
 *
 * <p>The caller's thread is the window: it takes a permit of a {@code Semaphore(workers)}, then
 * takes the next task and hands it over; the task gives its permit back when it ends. So a task is
 * taken only when a slot is free, as {@code flatMap(…, workers)} asks its source for one more only
 * when an inner completes — and "waited" means the same thing in every row of the experiment.
 *
 * <p>Why not submit the whole batch to the pool: the pool's queue would then hold every task from
 * the start, and the time a task spent there would grow with the batch, not with the workers.
 */
public final class ExecutorScheduling implements Scheduling {

    private final String owner;
    private final int workers;
    private final IntFunction<ExecutorService> executor;

    private ExecutorScheduling(String owner, int workers, IntFunction<ExecutorService> executor) {
        this.owner = owner;
        this.workers = Scheduling.checkWorkers(workers);
        this.executor = executor;
    }

    /**
     * {@code workers} platform threads, started when a batch starts and ended before it returns.
     * With more of them than cores the OS time-slices them: a running task is descheduled for the
     * others' turns, so past the core count its service time grows while its wait stays short.
     */
    public static ExecutorScheduling platformThreads(int workers) {
        return new ExecutorScheduling("lab02 platform", workers,
                w -> Executors.newFixedThreadPool(w, Thread.ofPlatform().name("lab02-platform-", 1).factory()));
    }

    /**
     * A new virtual thread per task, at most {@code workers} taken at once. Virtual threads are not
     * time-sliced: CPU-bound ones run one per carrier (carriers = cores) to the end, and the others
     * wait for a carrier — past the core count their wait grows, their service time does not.
     */
    public static ExecutorScheduling virtualThreads(int workers) {
        return new ExecutorScheduling("lab02 virtual", workers,
                w -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab02-virtual-", 1).factory()));
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public void runAll(int tasks, IntFunction<? extends Runnable> task) throws InterruptedException {
        Scheduling.checkTasks(tasks);
        Objects.requireNonNull(task, "task");
        long deadline = System.nanoTime() + BATCH_WITHIN.toNanos();
        LongSupplier leftNanos = () -> Math.max(0, deadline - System.nanoTime());
        Semaphore slots = new Semaphore(workers);
        // A task's exception, or an Error, kept as it is: it ends the run and is rethrown here.
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        ExecutorService pool = executor.apply(workers);
        Throwable primary = null;
        try {
            for (int i = 0; i < tasks; i++) {
                if (!slots.tryAcquire(leftNanos.getAsLong(), TimeUnit.NANOSECONDS)) {
                    throw notEndedInTime();
                }
                // Checked after the permit: a failing task records its failure before it gives its permit back.
                if (firstFailure.get() != null) {
                    slots.release(); // not used: the wait below counts every permit back
                    break;
                }
                Runnable next = task.apply(i);
                pool.execute(() -> {
                    try {
                        next.run();
                    } catch (Exception e) {
                        firstFailure.compareAndSet(null, e);
                    } catch (Error e) {
                        firstFailure.compareAndSet(null, e); // rethrown as it is below, after the pool has ended
                    } finally {
                        slots.release();
                    }
                });
            }
            if (!slots.tryAcquire(workers, leftNanos.getAsLong(), TimeUnit.NANOSECONDS)) { // every task taken has ended
                throw notEndedInTime();
            }
        } catch (InterruptedException | RuntimeException | Error e) {
            primary = e;
            throw e;
        } finally {
            Threads.shutdownAndAwait(owner, pool, primary != null, primary);
        }
        switch (firstFailure.get()) {
            case null -> {
            }
            case RuntimeException failed -> throw failed;
            case Error error -> throw error;
            case Throwable other -> throw new IllegalStateException(owner + ": a task failed", other);
        }
    }

    private IllegalStateException notEndedInTime() {
        return new IllegalStateException(owner + ": the batch did not end within " + BATCH_WITHIN.toMinutes() + " minutes");
    }
}
