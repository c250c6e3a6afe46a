package labs.level06_performance.lab14_lock_contention;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The false-sharing run: two writer threads ({@link WriterThreads}) let go at once, one calling
 * {@link TwoCounters#incrementFirst}, the other {@link TwoCounters#incrementSecond}, each up to
 * {@code each} times or until {@code stop} says so. Each counts what it added; the counts must agree.
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
        WriterThreads.Added added = WriterThreads.run("two-writers", List.of(counters::incrementFirst, counters::incrementSecond), each, stop);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - added.start());
        return new Outcome(added.perWriter().get(0), added.perWriter().get(1), counters.first(), counters.second(), elapsed);
    }
}
