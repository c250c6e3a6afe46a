package labs.level03_message_passing.lab05_work_queue;

/**
 * BROKEN on purpose: the producer side never says "no more work". Graceful shutdown waits until
 * every accepted job has run and returns a correct report — but sends no poison pill, so every
 * worker stays blocked in {@code take()} for ever. The JVM twin of a goroutine leaked on a channel
 * nobody closes.
 *
 * <p>Nothing in the report gives it away; only the threads do. {@code WorkQueueLeakTest} runs it
 * under the suite's leak check and asserts the check names the stuck {@code lab05-leaky-} workers.
 * The fix is one line: {@link ThreadWorkQueue#endWorkers()} sends one pill per worker and joins.
 */
public final class LeakyWorkQueue extends ThreadWorkQueue {

    private static final java.util.concurrent.atomic.AtomicInteger QUEUES = new java.util.concurrent.atomic.AtomicInteger();

    public LeakyWorkQueue(int workers, int capacity) {
        super("leaky", workers, capacity, Thread.ofPlatform().name("lab05-leaky-" + QUEUES.incrementAndGet() + "-", 1).factory());
    }

    /** The bug: waits for the work, forgets the workers. */
    @Override
    protected void endWorkers() {
        awaitAllSettled();
    }

    /** For the test that proves the leak: frees the stuck workers after the leak check has seen them. */
    public void interruptLeakedWorkers() {
        threads().forEach(Thread::interrupt);
    }
}
