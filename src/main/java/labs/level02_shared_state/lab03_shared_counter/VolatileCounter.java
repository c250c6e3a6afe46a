package labs.level02_shared_state.lab03_shared_counter;

/**
 * BROKEN ON PURPOSE: {@code volatile} makes every read see the latest write, but {@code count++}
 * is still read-then-write. Two threads can read the same latest value and both write value + 1.
 * Visibility is not atomicity: this is the tempting wrong fix for {@link RacyCounter}.
 *
 * <p>Proven by {@code SharedCounterLincheckTest.everyLessonIsReportedNonLinearizable} and by the
 * jcstress test {@code Counter_02_Volatile}.
 */
public final class VolatileCounter implements Counter {

    private volatile long count;

    @Override
    @SuppressWarnings("NonAtomicOperationOnVolatileField") // the bug this class exists to show
    public void increment() {
        count++;
    }

    @Override
    public long get() {
        return count;
    }
}
