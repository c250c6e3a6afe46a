package labs.level06_performance.lab15_bounded_pool;

import static org.assertj.core.api.Assertions.assertThat;

import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * Queue buildup: {@code Executors.newFixedThreadPool(W)} ({@link UnboundedQueueWorkers}) accepts every
 * job at once and parks what its workers cannot run in an unbounded queue — a queue as long as the
 * burst, however long that is, and nobody is told. Beside it, the bounded executor with the same
 * workers keeps its queue at its capacity.
 */
class QueueBuildupTest {

    /** Jobs the producer handed over that no worker had started, once it stopped handing any over. */
    private static int waitingInside(java.util.function.Function<HeldJobs, Report> pool, HeldJobs jobs) throws InterruptedException {
        Staged<Report> producer = Staged.start(HeldJobs.PRODUCER, () -> pool.apply(jobs));
        int waiting;
        try {
            Watch.until("two jobs run and the producer has stopped", () -> jobs.started() >= 2 && Watch.isParked(producer.thread()));
            waiting = jobs.taken() - jobs.started();
        } finally {
            jobs.open();
        }
        Report report = producer.join().value();
        assertThat(report.ran().size() + report.refused().size()).as("jobs settled").isEqualTo(jobs.size());
        return waiting;
    }

    @Test
    @Hint("An unbounded queue never says no: everything the workers cannot run waits inside, and the queue is as long as the load.")
    void anUnboundedQueueTakesTheWholeBurstAndItsQueueGrowsWithIt() throws InterruptedException {
        assertThat(waitingInside(jobs -> new UnboundedQueueWorkers(2).runAll(jobs), new HeldJobs(50)))
                .as("jobs waiting inside after a burst of 50 on 2 workers").isEqualTo(48);
        assertThat(waitingInside(jobs -> new UnboundedQueueWorkers(2).runAll(jobs), new HeldJobs(200)))
                .as("jobs waiting inside after a burst of 200 on 2 workers").isEqualTo(198);
    }

    @Test
    void theSameBurstIntoABoundedQueueWaitsAtMostTheQueuesCapacity() throws InterruptedException {
        assertThat(waitingInside(jobs -> ExecutorWorkers.callerRuns(2, 4).runAll(jobs), new HeldJobs(200)))
                .as("jobs waiting inside a bounded queue of 4 (the producer runs the fifth)").isLessThanOrEqualTo(4 + 1);
    }
}
