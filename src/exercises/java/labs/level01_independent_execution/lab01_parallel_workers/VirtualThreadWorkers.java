package labs.level01_independent_execution.lab01_parallel_workers;

import java.util.List;

/**
 * YOUR lab01 virtual-thread implementation (started by {@code labs practice lab01}; check it with
 * {@code labs check lab01}). The contract is {@link ParallelWorkers}'s (and the lab's README):
 * every task exactly once, at most {@code workers} at once, {@code runAll} returns after the last
 * task and with no thread left running, the first failure reported as {@link WorkerFailedException}
 * (no task started after it, the running ones interrupted), an {@code Error} rethrown as it is.
 *
 * <p>Virtual threads are cheap and are never pooled: one per task. Something else must bound how
 * many run at once — and something must make sure they have all ended before you return.
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
        throw new UnsupportedOperationException("TODO(lab01): run the checked tasks on virtual threads, at most `workers` at once, "
                + "and wait for every one of them");
    }
}
