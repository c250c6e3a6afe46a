package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' resource and steps: counts acquires and releases, records which steps started and on
 * which thread, and notices the two things a job must never do with what it holds — release it while
 * a step is still using it, and use it after releasing it.
 *
 * <pre>{@code
 * TrackedResource tracked = new TrackedResource();
 * Job job = tracked.job(3, index -> index * 10L);
 * Report report = runner.start(job).await();
 * assertThat(tracked.released()).isEqualTo(1);
 * }</pre>
 */
final class TrackedResource implements Resource {

    /** What one step does, given its index; may block or throw. */
    @FunctionalInterface
    interface Body {
        long run(int index) throws Exception;
    }

    private final AtomicInteger acquired = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();
    private final AtomicInteger inStep = new AtomicInteger();
    private final AtomicBoolean releasedUnderAStep = new AtomicBoolean();
    private final AtomicBoolean usedAfterRelease = new AtomicBoolean();
    private final List<Integer> started = new CopyOnWriteArrayList<>();
    private final List<Integer> returned = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private volatile Runnable onRelease = () -> { };

    /** A job of {@code steps} steps doing {@code body} with this resource. */
    Job job(int steps, Body body) {
        return new Job(steps, this::acquire, (resource, index) -> {
            if (resource != this) {
                throw new IllegalStateException("step " + index + " was given " + resource + ", not the resource acquired for the job");
            }
            started.add(index);
            threads.add(Thread.currentThread().getName());
            if (released.get() > 0) {
                usedAfterRelease.set(true);
            }
            inStep.incrementAndGet();
            try {
                long item = body.run(index);
                returned.add(index);
                return item;
            } finally {
                inStep.decrementAndGet();
            }
        });
    }

    /** What {@link #release()} does besides counting (block, wait for a latch…), set before the job starts. */
    TrackedResource onRelease(Runnable action) {
        this.onRelease = action;
        return this;
    }

    TrackedResource acquire() {
        acquired.incrementAndGet();
        return this;
    }

    @Override
    public void release() {
        if (inStep.get() > 0) {
            releasedUnderAStep.set(true);
        }
        released.incrementAndGet();
        onRelease.run();
    }

    int acquired() {
        return acquired.get();
    }

    int released() {
        return released.get();
    }

    boolean releasedUnderAStep() {
        return releasedUnderAStep.get();
    }

    boolean usedAfterRelease() {
        return usedAfterRelease.get();
    }

    /** The steps that started, in the order they started. */
    List<Integer> started() {
        return List.copyOf(started);
    }

    /** The steps that returned normally (an item), in order. */
    List<Integer> returned() {
        return List.copyOf(returned);
    }

    /** The thread each step ran on. */
    List<String> threads() {
        return List.copyOf(threads);
    }
}
