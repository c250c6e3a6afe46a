package labs.level06_performance.lab14_lock_contention;

/**
 * One monitor for the whole count. Uncontended, entering it is a CAS on the object's header; when a
 * second thread arrives it spins a little, then parks on the monitor (JFR's
 * {@code jdk.JavaMonitorEnter}), and every hand-over from then on costs a wake-up.
 */
public final class SynchronizedCounter implements SharedCounter {

    private long count;

    @Override
    public synchronized void increment() {
        count++;
    }

    @Override
    public synchronized long sum() {
        return count;
    }
}
