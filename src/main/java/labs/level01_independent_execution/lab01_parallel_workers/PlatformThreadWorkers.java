package labs.level01_independent_execution.lab01_parallel_workers;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Imperative baseline: a fixed pool of {@code workers} platform threads, one pool per run.
 *
 * <p>Why a sliding window instead of {@code invokeAll}: {@code invokeAll} queues every task at
 * once and waits for all of them even after one has failed, so a failure would not stop the tasks
 * behind it. Here at most {@code workers} tasks are submitted; each completion (taken from an
 * {@link ExecutorCompletionService}) lets the next one in — the same shape as Reactor's
 * {@code flatMap(…, workers)}. On a failure nothing more is submitted, the running tasks are
 * interrupted ({@code shutdownNow}), and we wait for the pool to end before throwing.
 */
public final class PlatformThreadWorkers implements ParallelWorkers {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final int workers;

    public PlatformThreadWorkers(int workers) {
        this.workers = ParallelWorkers.checkWorkers(workers);
    }

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public <R> List<Outcome<R>> runAll(List<Task<R>> tasks) {
        List<Task<R>> checked = ParallelWorkers.checkTasks(tasks);
        ExecutorService pool = Executors.newFixedThreadPool(workers, named("lab01-platform-" + RUNS.incrementAndGet() + "-"));
        try {
            return runWindowed(checked, pool);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for workers", e);
        } finally {
            pool.shutdownNow(); // interrupts what still runs (after a failure); a no-op after success
            // close() (JDK 19+) waits until every pool thread has ended, so "runAll returned" means
            // "nothing left running". A task that ignores interruption keeps us waiting: that is
            // lab11's lesson, not hidden here.
            pool.close();
        }
    }

    private <R> List<Outcome<R>> runWindowed(List<Task<R>> tasks, ExecutorService pool) throws InterruptedException {
        ExecutorCompletionService<Outcome<R>> completions = new ExecutorCompletionService<>(pool);
        Iterator<Task<R>> pending = tasks.iterator();
        int inFlight = 0;
        while (inFlight < workers && pending.hasNext()) {
            submit(completions, pending.next());
            inFlight++;
        }
        List<Outcome<R>> outcomes = new ArrayList<>(tasks.size());
        while (inFlight > 0) {
            Future<Outcome<R>> done = completions.take();
            inFlight--;
            try {
                outcomes.add(done.get());
            } catch (ExecutionException e) {
                // submit() wraps a task's exception; an Error is not the task's failure but the
                // JVM's, and goes up as it is (after the finally below has ended the pool).
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw (WorkerFailedException) e.getCause();
            }
            if (pending.hasNext()) {
                submit(completions, pending.next());
                inFlight++;
            }
        }
        return outcomes;
    }

    private static <R> void submit(ExecutorCompletionService<Outcome<R>> completions, Task<R> task) {
        completions.submit(() -> {
            try {
                return new Outcome<>(task.id(), task.body().call(), Thread.currentThread().getName());
            } catch (Exception e) {
                throw new WorkerFailedException(task.id(), e);
            }
        });
    }

    private static ThreadFactory named(String prefix) {
        return Thread.ofPlatform().name(prefix, 1).factory();
    }
}
