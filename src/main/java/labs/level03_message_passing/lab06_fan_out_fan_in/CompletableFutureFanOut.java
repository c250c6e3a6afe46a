package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import labs.support.Result;
import labs.support.Threads;

/**
 * Imperative, virtual threads: one {@link CompletableFuture} per branch on a virtual thread each,
 * joined with {@link CompletableFuture#allOf}, with <em>explicit</em> cancellation of the siblings.
 *
 * <p>Why explicit: {@code allOf} completes only when every branch has, failed or not; and
 * {@code CompletableFuture.cancel(true)} does not interrupt the thread running the branch (the
 * future does not know it). So the first branch to fail shuts the per-call executor down now,
 * which interrupts every sibling's thread and starts no more; once every branch has ended, the
 * executor is awaited (bounded) and the first failure thrown. Without that, see {@link LeakyFanOut}.
 */
public final class CompletableFutureFanOut implements FanOutFanIn {

    private static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public <R> List<R> gather(List<Callable<R>> branches) {
        return onVirtualThreads(Branch.of(branches), Branch::call).stream().map(CompletableFuture::resultNow).toList();
    }

    @Override
    public <R> List<Result<R>> gatherAll(List<Callable<R>> branches) {
        // settle keeps each branch's exception as data, so only an Error can fail (and stop) the rest
        return onVirtualThreads(Branch.of(branches), Branch::settle).stream().map(CompletableFuture::resultNow).toList();
    }

    /**
     * Runs {@code work} for every branch, each on a virtual thread of its own, and waits until every
     * branch has ended. The first branch to fail shuts the executor down now: its siblings are
     * interrupted and no further branch starts. Then the executor is awaited, bounded, and that first
     * failure thrown as it is (a {@link BranchFailedException}, or an {@link Error}); a sibling's
     * {@code InterruptedException} never replaces it.
     */
    private static <R, T> List<CompletableFuture<T>> onVirtualThreads(List<Branch<R>> branches, Function<Branch<R>, T> work) {
        int call = CALLS.incrementAndGet();
        ExecutorService perBranch = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab06-virtual-" + call + "-", 1).factory());
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<CompletableFuture<T>> futures = new ArrayList<>(branches.size());
        try {
            for (Branch<R> branch : branches) {
                CompletableFuture<T> future;
                try {
                    future = CompletableFuture.supplyAsync(() -> work.apply(branch), perBranch);
                } catch (RejectedExecutionException afterShutdownNow) {
                    break; // a branch failed while we were still fanning out: start no more
                }
                // The future whenComplete returns completes after its action: allOf over these cannot
                // return before the first failure has been recorded.
                futures.add(future.whenComplete((value, failure) -> {
                    if (failure != null && firstFailure.compareAndSet(null, unwrapped(failure))) {
                        perBranch.shutdownNow(); // stop the siblings now: allOf alone would wait for them
                    }
                }));
            }
            // Every started branch to its end, failed or interrupted; the outcome is read from the futures.
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((all, failure) -> all).join();
        } finally {
            Threads.shutdownAndAwait("lab06 virtual fan-out " + call, perBranch, false, firstFailure.get());
        }
        Throwable failure = firstFailure.get();
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
        return futures;
    }

    /** supplyAsync hands a failure on wrapped in a CompletionException: the branch's own is its cause. */
    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure;
    }
}
