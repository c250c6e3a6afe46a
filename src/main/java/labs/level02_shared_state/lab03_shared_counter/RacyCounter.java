package labs.level02_shared_state.lab03_shared_counter;

/**
 * BROKEN ON PURPOSE: {@code count++} on a plain field. The increment is three steps (read, add,
 * write); two threads that read the same value both write value + 1, and one update is lost.
 * The JIT may also keep the field in a register across a loop, losing whole batches.
 *
 * <p>Proven by {@code SharedCounterLincheckTest.everyLessonIsReportedNonLinearizable} and by the
 * jcstress test {@code Counter_01_Racy} (outcome {@code 1}: lost update). {@link SynchronizedCounter}
 * is this class with one word added.
 */
public final class RacyCounter implements Counter {

    private long count;

    @Override
    public void increment() {
        count++;
    }

    @Override
    public long get() {
        return count;
    }
}
