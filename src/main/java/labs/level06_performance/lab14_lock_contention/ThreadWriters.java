package labs.level06_performance.lab14_lock_contention;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The imperative side: {@code W} platform threads, let go at once by a latch, each calling
 * {@link SharedCounter#increment} on one shared counter in a loop. Which counter — a lock, an
 * atomic, cells, stripes — is the constructor's choice; everything else is the same for all of
 * them, so the curves differ only by how the count is shared.
 *
 * <p>Each writer counts its own increments in a local variable (the {@code added} of the
 * {@link Tally}); the shared count is read once every writer has ended, and the two must agree.
 */
public final class ThreadWriters implements ContendedCount {

    private final Supplier<SharedCounter> counters;

    /** @param counters makes the shared counter, one per run */
    public ThreadWriters(Supplier<SharedCounter> counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** A new counter of the kind these writers share (Lincheck checks it on its own). */
    public SharedCounter newCounter() {
        return counters.get();
    }

    @Override
    public Tally count(int writers, long each, BooleanSupplier stop) {
        ContendedCount.checkRun(writers, each, stop);
        SharedCounter counter = Objects.requireNonNull(counters.get(), "the counter supplier returned null");
        RunThreads threads = RunThreads.platform("writers");
        ThreadFactory writerThreads = threads.named("writer");
        AtomicLongArray added = new AtomicLongArray(writers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // A failing writer stops the others at their next look at stop: the run ends with its failure.
        BooleanSupplier stopped = () -> failure.get() != null || stop.getAsBoolean();
        CountDownLatch go = new CountDownLatch(1);
        long start;
        try {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                writerThreads.newThread(() -> {
                    try {
                        go.await();
                        added.set(writer, addUpTo(counter, each, stopped));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failure.compareAndSet(null, e);
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    } catch (Error e) {
                        failure.compareAndSet(null, e); // not data: count() rethrows it as it is, on the caller
                    }
                }).start();
            }
        } finally {
            start = System.nanoTime();
            go.countDown(); // even if starting a thread failed: the ones started must not wait for ever
        }
        threads.end(failure::get);
        long counted = counter.sum();
        return new Tally(counted, total(added), Duration.ofNanos(System.nanoTime() - start));
    }

    /** One writer's loop: clause 4's stop rule, and its own count of what it added. */
    private static long addUpTo(SharedCounter counter, long each, BooleanSupplier stop) {
        long added = 0;
        while (added < each) {
            if (added % STOP_EVERY == 0 && stop.getAsBoolean()) {
                break;
            }
            counter.increment();
            added++;
        }
        return added;
    }

    static long total(AtomicLongArray added) {
        long total = 0;
        for (int i = 0; i < added.length(); i++) {
            total += added.get(i);
        }
        return total;
    }
}
