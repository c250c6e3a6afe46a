package labs.level06_performance.lab14_lock_contention;

/**
 * One count that many threads add to at once: what each lock, atomic and striping of lab14 guards.
 * {@link ThreadWriters} runs writer threads against one; {@code ContentionBench} measures one under
 * JMH's threads; Lincheck checks each (see the lab's README.md).
 *
 * <ol>
 *   <li><b>No lost update.</b> After {@code n} calls to {@link #increment} have returned, on any
 *       threads, {@link #sum} returns {@code n} once no increment runs.</li>
 *   <li><b>Linearizable.</b> An increment that has returned is counted by every later {@code sum},
 *       on any thread; a {@code sum} never counts an increment that has not started.</li>
 * </ol>
 */
public interface SharedCounter {

    /** Adds one; may be called from any number of threads at once. */
    void increment();

    /** The count. */
    long sum();
}
