package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Imperative, virtual threads: one {@link CompletableFuture} per branch on a virtual thread each,
 * joined with {@link CompletableFuture#allOf}, with <em>explicit</em> cancellation of the siblings.
 *
 * <p>Why explicit: {@code allOf} completes only when every branch has, failed or not; and
 * {@code CompletableFuture.cancel(true)} does not interrupt the thread running the branch (the
 * future does not know it). So the first failing branch itself calls {@code shutdownNow()} on the
 * per-call executor, which interrupts every sibling's thread; {@code close()} (try-with-resources)
 * then waits for all of them before we throw. Without that, see {@link LeakyFanOut}.
 */
public final class CompletableFutureFanOut implements FanOutFanIn {

    private static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public <R> List<R> gather(List<Callable<R>> branches) {
        List<Callable<R>> checked = FanOutFanIn.checkBranches(branches);
        AtomicReference<BranchFailedException> firstFailure = new AtomicReference<>();
        List<CompletableFuture<R>> futures = new ArrayList<>();
        try (ExecutorService perBranch = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab06-virtual-" + CALLS.incrementAndGet() + "-", 1).factory())) {
            for (int i = 0; i < checked.size(); i++) {
                int index = i;
                try {
                    futures.add(CompletableFuture.supplyAsync(() -> {
                        BranchFailedException failure;
                        try {
                            R value = checked.get(index).call();
                            if (value != null) {
                                return value;
                            }
                            failure = BranchFailedException.returnedNull(index); // as every implementation does
                        } catch (Exception | Error e) {
                            failure = new BranchFailedException(index, e);
                        }
                        if (firstFailure.compareAndSet(null, failure)) {
                            perBranch.shutdownNow(); // stop the siblings now: allOf alone would wait for them
                        }
                        throw failure;
                    }, perBranch));
                } catch (RejectedExecutionException afterShutdownNow) {
                    break; // a branch failed while we were still fanning out: start no more
                }
            }
            try {
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException failed) {
                // reported below, once close() has waited for every branch thread to end
            }
        }
        if (firstFailure.get() != null) {
            throw firstFailure.get(); // the failure that stopped the rest, not a sibling's InterruptedException
        }
        return futures.stream().map(CompletableFuture::resultNow).toList();
    }

    @Override
    public <R> List<BranchOutcome<R>> gatherAll(List<Callable<R>> branches) {
        List<Callable<R>> checked = FanOutFanIn.checkBranches(branches);
        try (ExecutorService perBranch = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab06-virtual-" + CALLS.incrementAndGet() + "-", 1).factory())) {
            List<CompletableFuture<BranchOutcome<R>>> futures = IntStream.range(0, checked.size())
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> BranchOutcome.of(i, checked.get(i)), perBranch)).toList();
            return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .thenApply(all -> futures.stream().map(CompletableFuture::join).toList())
                    .join();
        }
    }
}
