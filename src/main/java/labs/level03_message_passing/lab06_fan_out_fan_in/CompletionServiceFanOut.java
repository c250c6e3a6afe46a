package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Imperative, platform threads: one pool of N threads per call, an {@link ExecutorCompletionService}
 * to learn of each branch as it finishes, results written into their branch's slot.
 *
 * <p>Why a completion service instead of {@code invokeAll}: {@code invokeAll} returns only when
 * every branch is done, so a failure in branch 1 would be seen after the slowest sibling finished.
 * {@code take()} hands us branches in completion order, so the first failure is seen at once; we
 * then {@code shutdownNow()} (interrupting the siblings) and wait for the pool to end before
 * throwing — "gather threw" means "nothing of it is still running".
 */
public final class CompletionServiceFanOut implements FanOutFanIn {

    private static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public <R> List<R> gather(List<Callable<R>> branches) {
        List<Callable<R>> checked = FanOutFanIn.checkBranches(branches);
        ExecutorService pool = Executors.newFixedThreadPool(checked.size(), Thread.ofPlatform().name("lab06-platform-" + CALLS.incrementAndGet() + "-", 1).factory());
        try {
            ExecutorCompletionService<Slot<R>> completions = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < checked.size(); i++) {
                int index = i;
                Callable<R> body = checked.get(i);
                completions.submit(() -> {
                    R value;
                    try {
                        value = body.call();
                    } catch (Exception | Error e) {
                        throw new BranchFailedException(index, e);
                    }
                    if (value == null) {
                        throw BranchFailedException.returnedNull(index); // as every implementation does
                    }
                    return new Slot<>(index, value);
                });
            }
            @SuppressWarnings("unchecked")
            R[] values = (R[]) new Object[checked.size()];
            for (int done = 0; done < checked.size(); done++) {
                Future<Slot<R>> next = completions.take();
                try {
                    Slot<R> slot = next.get();
                    values[slot.index()] = slot.value();
                } catch (ExecutionException e) {
                    throw (BranchFailedException) e.getCause(); // the finally below stops the siblings first
                }
            }
            return Arrays.asList(values);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while gathering branches", e);
        } finally {
            pool.shutdownNow();
            awaitTermination(pool);
        }
    }

    @Override
    public <R> List<BranchOutcome<R>> gatherAll(List<Callable<R>> branches) {
        List<Callable<R>> checked = FanOutFanIn.checkBranches(branches);
        ExecutorService pool = Executors.newFixedThreadPool(checked.size(), Thread.ofPlatform().name("lab06-platform-" + CALLS.incrementAndGet() + "-", 1).factory());
        try {
            List<Future<BranchOutcome<R>>> futures = new ArrayList<>();
            for (int i = 0; i < checked.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> BranchOutcome.of(index, checked.get(index))));
            }
            List<BranchOutcome<R>> outcomes = new ArrayList<>();
            for (Future<BranchOutcome<R>> future : futures) {
                outcomes.add(future.get()); // never an ExecutionException: BranchOutcome.of catches
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while gathering branches", e);
        } catch (ExecutionException e) {
            // Cannot happen (BranchOutcome.of catches everything); if it did, it is a bug, not an interrupt.
            throw new IllegalStateException("a gatherAll branch escaped BranchOutcome.of: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            awaitTermination(pool);
        }
    }

    private record Slot<R>(int index, R value) {
    }

    static void awaitTermination(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
