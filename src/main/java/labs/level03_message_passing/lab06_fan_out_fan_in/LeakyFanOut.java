package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * BROKEN on purpose: fails fast but forgets the siblings. It returns as soon as any branch fails
 * (good: the caller is not kept waiting), then calls {@code shutdown()} — which lets running tasks
 * run on — instead of {@code shutdownNow()}, and does not wait. The siblings keep their threads and
 * keep working for a caller that has already moved on: partial work, wasted, and a thread leak.
 *
 * <p>{@code LeakyFanOutTest} runs it under the suite's leak check, which names the {@code lab06-leaky-}
 * thread still running. The fix is {@link CompletionServiceFanOut} / {@link CompletableFutureFanOut}:
 * interrupt the siblings, then wait for them before throwing.
 */
public final class LeakyFanOut {

    private static final AtomicInteger CALLS = new AtomicInteger();

    public <R> List<R> gather(List<Callable<R>> branches) {
        List<Callable<R>> checked = FanOutFanIn.checkBranches(branches);
        ExecutorService pool = Executors.newFixedThreadPool(checked.size(), Thread.ofPlatform().name("lab06-leaky-" + CALLS.incrementAndGet() + "-", 1).factory());
        CompletableFuture<Void> anyFailure = new CompletableFuture<>();
        List<CompletableFuture<R>> futures = checked.stream().map(body -> CompletableFuture.supplyAsync(() -> {
            try {
                return body.call();
            } catch (Exception e) {
                anyFailure.completeExceptionally(e);
                throw new CompletionException(e);
            }
        }, pool)).toList();
        try {
            CompletableFuture.anyOf(anyFailure, CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))).join();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown(); // the bug: no interrupt, no wait
        }
    }
}
