package labs.level01_independent_execution.lab02_cpu_saturation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import labs.support.Staged;
import org.junit.jupiter.api.Test;

/**
 * What one cell reports, from times the test sets by hand (a clock it moves itself): waited runs
 * from taken to started, service from started to ended, latency is both; a value beyond the
 * histograms' hour is clamped and counted; a batch that returns with a task not ended is an error.
 */
class MeasurementTest {

    private final AtomicLong clock = new AtomicLong();

    /** Work that "takes" {@code millis} on the test's clock. */
    private Work taking(long millis) {
        return () -> clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private void pass(long millis) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void waitedRunsFromTakenToStartedServiceFromStartedToEndedAndLatencyIsBoth() {
        TaskTimes times = new TaskTimes(1, clock::get);
        Runnable task = times.take(0, taking(3)); // taken at 0 ms
        pass(2);                                   // no thread for it yet
        task.run();                                // started at 2 ms, ended at 5 ms

        Measurement m = Measurement.of(times, TimeUnit.MILLISECONDS.toNanos(5));

        assertThat(Measurement.millis(m.waitedMicros(), 50)).as("waited, ms").isCloseTo(2, within(0.01));
        assertThat(Measurement.millis(m.serviceMicros(), 50)).as("service, ms").isCloseTo(3, within(0.01));
        assertThat(Measurement.millis(m.latencyMicros(), 50)).as("latency, ms").isCloseTo(5, within(0.01));
    }

    @Test
    void throughputIsTasksOverTheBatchsWallTime() {
        TaskTimes times = new TaskTimes(4, clock::get);
        for (int i = 0; i < 4; i++) {
            times.take(i, taking(1)).run();
        }

        assertThat(Measurement.of(times, TimeUnit.SECONDS.toNanos(2)).throughputPerSecond()).as("tasks/s, 4 tasks in 2 s").isEqualTo(2.0);
    }

    @Test
    void aValueBeyondTheHistogramsHourIsClampedToItAndCounted() {
        TaskTimes times = new TaskTimes(1, clock::get);
        times.take(0, taking(TimeUnit.HOURS.toMillis(2))).run();

        Measurement m = Measurement.of(times, TimeUnit.HOURS.toNanos(2));

        assertThat(m.clamped()).as("values clamped: the service time and the latency").isEqualTo(2);
        assertThat(m.serviceMicros().getMaxValue()).as("service recorded as the histogram's highest value")
                .isEqualTo(m.serviceMicros().highestEquivalentValue(Measurement.HIGHEST_MICROS));
        assertThat(m.waitedMicros().getTotalCount()).as("waits recorded").isEqualTo(1);
    }

    @Test
    void threadsCountsTheDistinctThreadsThatRanTasks() throws Exception {
        TaskTimes times = new TaskTimes(3, clock::get);
        times.take(0, taking(1)).run();
        times.take(1, taking(1)).run();
        Runnable third = times.take(2, taking(1));
        assertThat(Staged.run("lab02-another-thread", third::run).join().succeeded()).as("task 2 ran on another thread").isTrue();

        assertThat(Measurement.of(times, 1).threads()).as("distinct threads that ran the three tasks").isEqualTo(2);
    }

    @Test
    void aBatchThatReturnsWithATaskNotEndedIsAnError() {
        TaskTimes times = new TaskTimes(2, clock::get);
        times.take(0, taking(1)).run();
        times.take(1, taking(1)); // taken, never run

        assertThatThrownBy(() -> Measurement.of(times, 1)).hasMessage("the scheduling returned with 1 of 2 tasks ended");
    }

    @Test
    void anEmptyBatchIsRejectedBeforeAnythingStarts() {
        assertThatThrownBy(() -> Measurement.take(Scheduling.IMPLEMENTATIONS.create("platform").apply(1), taking(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks must be >= 1 (got 0)");
    }
}
