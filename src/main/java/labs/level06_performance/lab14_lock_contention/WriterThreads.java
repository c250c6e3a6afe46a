package labs.level06_performance.lab14_lock_contention;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The writer threads of the imperative runs ({@link ThreadWriters}, {@link TwoWriters}): one
 * platform thread per increment given, all let go at once by a latch, each adding up to
 * {@code each} and asking {@code stop} before its first increment and every
 * {@link ContendedCount#STOP_EVERY} after (the contract's clause 4). Each counts what it added.
 * The first failure stops the others at their next look at {@code stop} and is thrown once every
 * thread has ended — an {@code Error} as it is.
 */
final class WriterThreads {

    /** What the writers added, each its own, and when they were let go ({@code System.nanoTime()}). */
    record Added(AtomicLongArray perWriter, long start) {
        long total() {
            return WriterThreads.total(perWriter);
        }
    }

    private WriterThreads() {
    }

    /** Runs one writer per element of {@code increments}, the writer's own increment; returns once all have ended. */
    static Added run(String what, List<Runnable> increments, long each, BooleanSupplier stop) {
        RunThreads threads = RunThreads.platform(what);
        ThreadFactory writerThreads = threads.named("writer");
        AtomicLongArray added = new AtomicLongArray(increments.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BooleanSupplier stopped = () -> failure.get() != null || stop.getAsBoolean();
        CountDownLatch go = new CountDownLatch(1);
        long start;
        try {
            for (int w = 0; w < increments.size(); w++) {
                int writer = w;
                Runnable increment = increments.get(w);
                writerThreads.newThread(() -> {
                    try {
                        go.await();
                        added.set(writer, addUpTo(increment, each, stopped));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failure.compareAndSet(null, e);
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    } catch (Error e) {
                        failure.compareAndSet(null, e); // not data: end() rethrows it as it is, on the caller
                    }
                }).start();
            }
        } finally {
            start = System.nanoTime();
            go.countDown(); // even if starting a thread failed: the ones started must not wait for ever
        }
        threads.end(failure::get);
        return new Added(added, start);
    }

    /** The sum of what each writer added (the lanes' writers count theirs the same way). */
    static long total(AtomicLongArray perWriter) {
        long total = 0;
        for (int i = 0; i < perWriter.length(); i++) {
            total += perWriter.get(i);
        }
        return total;
    }

    /** One writer's loop: clause 4's stop rule, and its own count of what it added. */
    private static long addUpTo(Runnable increment, long each, BooleanSupplier stop) {
        long added = 0;
        while (added < each) {
            if (added % ContendedCount.STOP_EVERY == 0 && stop.getAsBoolean()) {
                break;
            }
            increment.run();
            added++;
        }
        return added;
    }
}
