package labs.level02_shared_state.lab04_bounded_buffer;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's answer, adapted to the lab04 contract so the same contract tests run against it.
 * {@link ArrayBlockingQueue} is the same design as {@link LockConditionBuffer} (one lock, two
 * conditions, a ring); it has no close, which is why it implements {@link BoundedBuffer} only.
 */
public final class ArrayBlockingQueueBuffer<T> implements BoundedBuffer<T> {

    private final ArrayBlockingQueue<T> queue;
    private final int capacity;

    public ArrayBlockingQueueBuffer(int capacity) {
        this.capacity = BoundedBuffer.checkCapacity(capacity);
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public int capacity() {
        // Stored, not size() + remainingCapacity(): those are two separate reads, and a put or take
        // between them would make the sum wrong by one.
        return capacity;
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public void put(T item) throws InterruptedException {
        queue.put(BoundedBuffer.checkItem(item));
    }

    @Override
    public T take() throws InterruptedException {
        return queue.take();
    }

    @Override
    public boolean offer(T item, Duration timeout) throws InterruptedException {
        BoundedBuffer.checkItem(item);
        return queue.offer(item, BoundedBuffer.checkTimeout(timeout).toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public T poll(Duration timeout) throws InterruptedException {
        return queue.poll(BoundedBuffer.checkTimeout(timeout).toNanos(), TimeUnit.NANOSECONDS);
    }
}
