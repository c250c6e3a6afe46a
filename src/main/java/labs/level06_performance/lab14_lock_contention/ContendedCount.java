package labs.level06_performance.lab14_lock_contention;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The lab14 contract: {@code W} writers add to one count at the same time. See the lab's README.md.
 *
 * <ol>
 *   <li><b>Nothing lost, nothing invented.</b> When {@link #count} returns, the count it read equals
 *       what the writers added: {@code counted == added}.</li>
 *   <li><b>Every increment, unless stopped.</b> Each writer adds {@code each} increments; while
 *       {@code stop} is false, {@code added == writers x each}.</li>
 *   <li><b>At once.</b> The writers run at the same time, each on its own thread: the contention is
 *       real, not taken in turns on one thread.</li>
 *   <li><b>Stop.</b> Each writer asks {@code stop} before its first increment and then every
 *       {@link #STOP_EVERY} increments, and ends once it says true; clause 1 still holds.</li>
 *   <li><b>Clean end.</b> When {@code count} returns or throws, no thread it started is running. A
 *       writer's exception ends the run and is thrown by {@code count}; an {@code Error} as it is.</li>
 *   <li><b>Bad input</b> fails before anything starts, in one line: {@code writers} from 1,
 *       {@code each} from 0, a {@code stop}.</li>
 * </ol>
 *
 * <p>How the writers share the count is what each implementation shows: a lock, an atomic, cells,
 * stripes — or no sharing at all, the single-writer lane.
 */
public interface ContendedCount {

    /** How often a writer asks {@code stop}: rarely enough to cost nothing beside an increment. */
    int STOP_EVERY = 64;

    /** Every implementation, by the name {@code --impl} takes; the contract test runs each. */
    Implementations<Supplier<ContendedCount>> IMPLEMENTATIONS = Implementations.of("lab14",
            new Implementation<>("synchronized", "writer threads, one monitor around count++",
                    () -> new ThreadWriters(SynchronizedCounter::new)),
            new Implementation<>("reentrant-unfair", "writer threads, one ReentrantLock (unfair: the releasing thread may barge back in)",
                    () -> new ThreadWriters(() -> new ReentrantLockCounter(false))),
            new Implementation<>("reentrant-fair", "writer threads, one ReentrantLock(true): every release goes to the longest waiter",
                    () -> new ThreadWriters(() -> new ReentrantLockCounter(true))),
            new Implementation<>("stamped", "writer threads, a StampedLock's write lock; sum() reads optimistically",
                    () -> new ThreadWriters(StampedLockCounter::new)),
            new Implementation<>("atomic", "writer threads, AtomicLong.incrementAndGet: no lock, one contended cache line",
                    () -> new ThreadWriters(AtomicLongCounter::new)),
            new Implementation<>("adder", "writer threads, LongAdder: contending threads get cells of their own",
                    () -> new ThreadWriters(LongAdderCounter::new)),
            new Implementation<>("striped", "writer threads, a monitor per padded stripe, picked by thread id",
                    () -> new ThreadWriters(StripedLockCounter::new)),
            new Implementation<>("reactor-lane", "each writer a Flux; merge -> publishOn(lane) -> scan: one thread writes the count, no lock",
                    ReactorLane::new),
            new Implementation<>("rxjava-lane", "each writer a Flowable; merge -> observeOn(lane) -> scan: one thread writes the count, no lock",
                    RxJavaLane::new));

    /**
     * Runs {@code writers} writers at once, each adding {@code each} increments to one count (fewer
     * once {@code stop} says so), waits for all of them, and reads the count.
     */
    Tally count(int writers, long each, BooleanSupplier stop);

    /** Clause 6: bad input, one line, before anything starts. */
    static void checkRun(int writers, long each, BooleanSupplier stop) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be >= 1 (got " + writers + ")");
        }
        if (each < 0) {
            throw new IllegalArgumentException("each must be >= 0 increments per writer (got " + each + ")");
        }
        Objects.requireNonNull(stop, "stop must not be null (pass () -> false to never stop)");
    }
}
