package labs.level01_independent_execution.lab01_parallel_workers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Imperative, JDK 21 style: one virtual thread per task, bounded by a {@link Semaphore}.
 *
 * <p>Why no pool: virtual threads are cheap to create and must not be pooled; the way to limit
 * how many run at once is a semaphore. The caller takes a permit before starting each task and the
 * task gives it back when it ends, so at most {@code workers} run at once and, after a failure, no
 * further task is started. The first failing task calls {@code shutdownNow()}, which interrupts the
 * siblings still running. The per-task executor in try-with-resources is the structured part:
 * {@code close()} waits for every thread it started.
 */
public final class VirtualThreadWorkers implements ParallelWorkers {

    private final int workers;

    public VirtualThreadWorkers(int workers) {
        this.workers = ParallelWorkers.checkWorkers(workers);
    }

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public <R> List<Outcome<R>> runAll(List<Task<R>> tasks) {
        List<Task<R>> checked = ParallelWorkers.checkTasks(tasks);
        List<Outcome<R>> outcomes = Collections.synchronizedList(new ArrayList<>(checked.size()));
        // A task's exception, wrapped; or an Error, kept as it is: either ends the run, and is rethrown here.
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        Semaphore permits = new Semaphore(workers);

        try (ExecutorService perTask = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab01-virtual-", 1).factory())) {
            for (Task<R> task : checked) {
                permits.acquireUninterruptibly();
                // Checked after the permit: a failing task records its failure before it releases.
                if (firstFailure.get() != null) {
                    break;
                }
                try {
                    perTask.execute(() -> {
                        try {
                            outcomes.add(new Outcome<>(task.id(), task.body().call(), Thread.currentThread().getName()));
                        } catch (Exception e) {
                            fail(firstFailure, new WorkerFailedException(task.id(), e), perTask);
                        } catch (Error e) {
                            fail(firstFailure, e, perTask);
                        } finally {
                            permits.release();
                        }
                    });
                } catch (RejectedExecutionException afterShutdownNow) {
                    break; // a task failed between our check and this start: start nothing more
                }
            }
        } // close(): waits for every virtual thread started above
        switch (firstFailure.get()) {
            case null -> {
                return List.copyOf(outcomes);
            }
            case WorkerFailedException failed -> throw failed;
            case Error error -> throw error;
            default -> throw new IllegalStateException("unexpected failure", firstFailure.get());
        }
    }

    private static void fail(AtomicReference<Throwable> firstFailure, Throwable failure, ExecutorService perTask) {
        if (firstFailure.compareAndSet(null, failure)) {
            perTask.shutdownNow(); // interrupt the siblings still running, now
        }
    }
}
