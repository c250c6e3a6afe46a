package labs.level06_performance.lab14_lock_contention;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The JDK's bounded hand-off: an {@link ArrayBlockingQueue}. One {@code ReentrantLock} guards both
 * ends, with a condition for "not full" and one for "not empty": every {@code put} and every
 * {@code take} takes the same lock, so producer and consumer contend on every item, and a side that
 * finds the queue full (or empty) parks until the other signals it — a wake-up through the
 * scheduler, microseconds where an item costs nanoseconds.
 */
public final class BlockingQueueHandoff implements Handoff {

    private final int capacity;

    public BlockingQueueHandoff(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public Transfer transfer(long items) {
        ArrayBlockingQueue<Long> queue = new ArrayBlockingQueue<>(capacity);
        return QueueTransfer.run("abq", items, queue::put, queue::take);
    }
}
