package labs.level06_performance.lab14_lock_contention;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The false-sharing run: two platform threads let go at once, one incrementing
 * {@link TwoCounters#incrementFirst}, the other {@link TwoCounters#incrementSecond}, each up to
 * {@code each} times or until {@code stop} says so (asked every {@link ContendedCount#STOP_EVERY}).
 * Each counts what it added; the counters must agree.
 */
final class TwoWriters {

    /** What the run observed: what each writer added, what each count says, and how long it took. */
    record Outcome(long addedFirst, long addedSecond, long first, long second, Duration elapsed) {
        /** Increments per microsecond, both writers together. */
        double perMicrosecond() {
            return (first + second) / Math.max(1.0, elapsed.toNanos() / 1_000.0);
        }
    }

    private TwoWriters() {
    }

    static Outcome run(TwoCounters counters, long each, BooleanSupplier stop) {
        ContendedCount.checkRun(2, each, stop);
        RunThreads threads = RunThreads.platform("two-writers");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        long[] added = new long[2]; // each slot written by its writer, read after both have been joined
        Runnable[] increments = {counters::incrementFirst, counters::incrementSecond};
        long start;
        try {
            for (int w = 0; w < 2; w++) {
                int writer = w;
                threads.named(w == 0 ? "first" : "second").newThread(() -> {
                    try {
                        go.await();
                        added[writer] = addUpTo(increments[writer], each, () -> failure.get() != null || stop.getAsBoolean());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failure.compareAndSet(null, e);
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e); // an Error is rethrown as it is by end()
                    }
                }).start();
            }
        } finally {
            start = System.nanoTime();
            go.countDown();
        }
        threads.end(failure::get);
        return new Outcome(added[0], added[1], counters.first(), counters.second(), Duration.ofNanos(System.nanoTime() - start));
    }

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
