package labs.support;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * A fixed pool of threads a lab owns and ends completely: {@link #end} shuts it down, waits (bounded)
 * for it to terminate, and then joins every thread it made.
 *
 * <p>Why the join: an {@code ExecutorService} reports "terminated" a moment before its last thread has
 * returned from its run loop, so {@code awaitTermination} alone lets a caller observe a pool thread
 * still alive right after "shutdown returned" — exactly what a lab's contract ("when the call returns,
 * no thread it started is alive") and the leak check forbid. (Found by lab05's contract test, the
 * instant a shutdown threw.)
 */
public final class OwnedPool {

    private final String owner;
    private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final ExecutorService executor;

    private OwnedPool(String owner, int size, ThreadFactory factory) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.executor = Executors.newFixedThreadPool(size, task -> {
            Thread thread = factory.newThread(task);
            threads.add(thread);
            return thread;
        });
    }

    /** {@code size} platform threads named {@code prefix1, prefix2, …}; each is made when its first task arrives. */
    public static OwnedPool platform(String owner, String prefix, int size) {
        return new OwnedPool(owner, size, Thread.ofPlatform().name(prefix, 1).factory());
    }

    /** The same with threads from {@code factory} (virtual threads, daemon threads, …). */
    public static OwnedPool of(String owner, int size, ThreadFactory factory) {
        return new OwnedPool(owner, size, Objects.requireNonNull(factory, "factory"));
    }

    public ExecutorService executor() {
        return executor;
    }

    /**
     * Shuts the pool down (queued tasks still run, or none with {@code now}), waits for it to
     * terminate and for each of its threads to end, within {@link Threads#END_WITHIN}; a timeout is
     * added to {@code primary} when there is one (see {@link Threads}).
     */
    public void end(boolean now, Throwable primary) {
        Threads.shutdownAndAwait(owner, executor, now, primary);
        Threads.awaitEnd(owner, threads, primary);
    }
}
