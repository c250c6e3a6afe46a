package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Result;
import labs.support.Threads;

/**
 * Imperative, platform threads: one pool of N threads per call, an {@link ExecutorCompletionService}
 * to learn of each branch as it finishes, results written into their branch's slot.
 *
 * <p>Why a completion service instead of {@code invokeAll}: {@code invokeAll} returns only when
 * every branch is done, so a failure in branch 1 would be seen after the slowest sibling finished.
 * {@code take()} hands us branches in completion order, so the first failure is seen at once; the
 * pool is then shut down now (interrupting the siblings) and awaited before anything is thrown —
 * "gather threw" means "nothing of it is still running".
 */
public final class CompletionServiceFanOut implements FanOutFanIn {

    private static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public <R> List<R> gather(List<Callable<R>> branches) {
        List<Branch<R>> checked = Branch.of(branches);
        return onItsOwnPool(checked.size(), pool -> firstFailureStopsTheRest(pool, checked));
    }

    @Override
    public <R> List<Result<R>> gatherAll(List<Callable<R>> branches) {
        List<Branch<R>> checked = Branch.of(branches);
        return onItsOwnPool(checked.size(), pool -> everyBranchToItsEnd(pool, checked));
    }

    private static <R> List<R> firstFailureStopsTheRest(ExecutorService pool, List<Branch<R>> branches)
            throws ExecutionException, InterruptedException {
        ExecutorCompletionService<Slot<R>> completions = new ExecutorCompletionService<>(pool);
        branches.forEach(branch -> completions.submit(() -> new Slot<>(branch.index(), branch.call())));
        @SuppressWarnings("unchecked")
        R[] values = (R[]) new Object[branches.size()];
        for (int done = 0; done < branches.size(); done++) {
            Slot<R> slot = completions.take().get(); // a failure surfaces here as soon as it happens
            values[slot.index()] = slot.value();
        }
        return List.of(values);
    }

    private static <R> List<Result<R>> everyBranchToItsEnd(ExecutorService pool, List<Branch<R>> branches)
            throws ExecutionException, InterruptedException {
        List<Future<Result<R>>> futures = branches.stream().map(branch -> pool.submit(branch::settle)).toList();
        List<Result<R>> outcomes = new ArrayList<>(futures.size());
        for (Future<Result<R>> future : futures) {
            outcomes.add(future.get()); // settle keeps a branch's exception as data: only an Error gets out
        }
        return outcomes;
    }

    /** What runs on the pool, from submitting the branches to the answer; a failure comes out of a {@code Future}. */
    @FunctionalInterface
    private interface Gathering<T> {
        T from(ExecutorService pool) throws ExecutionException, InterruptedException;
    }

    /**
     * Runs {@code gathering} on a pool of {@code size} platform threads made for this call, then
     * ends the pool (interrupting what still runs) before returning or throwing. The failure a
     * branch threw — a {@link BranchFailedException}, or an {@link Error} as it was — is handed to
     * the teardown as the primary failure, so a pool slow to end can never hide it.
     */
    private static <T> T onItsOwnPool(int size, Gathering<T> gathering) {
        int call = CALLS.incrementAndGet();
        ExecutorService pool = Executors.newFixedThreadPool(size, Thread.ofPlatform().name("lab06-platform-" + call + "-", 1).factory());
        Throwable failure = null;
        T answer = null;
        try {
            answer = gathering.from(pool);
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IllegalStateException("interrupted while gathering branches", e);
        } finally {
            Threads.shutdownAndAwait("lab06 platform fan-out " + call, pool, true, failure);
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
        return answer;
    }

    private record Slot<R>(int index, R value) {
    }
}
