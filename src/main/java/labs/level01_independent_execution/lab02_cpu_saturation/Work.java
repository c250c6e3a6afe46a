package labs.level01_independent_execution.lab02_cpu_saturation;

import java.time.Duration;
import labs.support.CpuWork;

/**
 * What one task does. The lab compares two kinds: CPU-bound work needs a core the whole time it
 * runs; blocking work (a stand-in for I/O: a sleep) needs a thread but no core while it waits.
 * Tests plug in their own (a barrier, a counter) to prove what a scheduling lets run at once.
 */
@FunctionalInterface
public interface Work {

    void run() throws InterruptedException;

    /** About {@code work}'s calibrated time of one core, never blocking, never allocating. */
    record Cpu(CpuWork work) implements Work {

        /** Where a result nobody wants goes, so the JIT cannot drop the loop. */
        private static volatile long sink;

        @Override
        public void run() {
            long result = work.run();
            if (result == 42) {
                // Almost never taken; its only job is to make the result used. (Not Thread.onSpinWait():
                // BlockHound counts it as blocking on JDK 25, and this runs on parallel() and computation().)
                sink = result;
            }
        }
    }

    /** A sleep of {@code pause}: a thread waits, a core is free. */
    record Blocking(Duration pause) implements Work {
        @Override
        public void run() throws InterruptedException {
            Thread.sleep(pause); // the blocking call under test: the lesson is what it does to each scheduler
        }
    }
}
