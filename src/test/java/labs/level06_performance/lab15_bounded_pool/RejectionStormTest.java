package labs.level06_performance.lab15_bounded_pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * The rejection storm, and the two honest ways through it: a burst of jobs far larger than the
 * workers and their waiting room meets a refusing pool (most of it is refused, at once, and
 * reported) or a pool that holds the producer back (nothing is refused; the producer runs the
 * overflow itself). Every job waits at a gate, so the storm is a state the test looks at.
 */
class RejectionStormTest {

    private static Report burst(BoundedWorkers workers, HeldJobs jobs, int runningBeforeOpening) throws InterruptedException {
        Staged<Report> producer = Staged.start(HeldJobs.PRODUCER, () -> workers.runAll(jobs));
        try {
            Watch.until("the burst has met a full pool", () -> jobs.started() >= runningBeforeOpening && Watch.isParked(producer.thread()));
        } finally {
            jobs.open();
        }
        return producer.join().value();
    }

    @Test
    @Hint("AbortPolicy throws at the producer for every job that finds the threads busy and the queue full: refuse it, report it, carry on.")
    void aBurstIntoAFullAbortPolicyPoolIsRefusedExceptWhatTheWorkersAndTheQueueHold() throws InterruptedException {
        HeldJobs jobs = new HeldJobs(50);

        Report report = burst(ExecutorWorkers.abort(2, 3), jobs, 2);

        assertThat(jobs.taken()).as("jobs the producer handed over: it was never held back").isEqualTo(50);
        assertThat(report.ranIds()).as("jobs that ran: the first two (on the workers) and the next three (queued)")
                .containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(report.refused()).as("jobs refused, in the order they came").containsExactlyElementsOf(IntStream.range(5, 50).boxed().toList());
    }

    @Test
    @Hint("newBoundedElastic refuses with a RejectedExecutionException once a thread's queue is full: it is a refusal, not the job's failure.")
    void aBurstIntoABoundedElasticSchedulerIsRejectedByTheSchedulerAndReportedAsRefused() throws InterruptedException {
        HeldJobs jobs = new HeldJobs(50);
        ReactorBoundedElasticWorkers workers = new ReactorBoundedElasticWorkers(2, 4);

        Report report = burst(workers, jobs, 2);

        // How many fit varies a little run to run (see DESIGN.md): never more than the workers and their room.
        assertThat(report.ran().size()).as("jobs that ran").isBetween(2, 2 + workers.waitingRoom());
        assertThat(report.ran()).as("results of the jobs that ran").allSatisfy(r -> assertThat(r.result().succeeded()).isTrue());
        assertThat(report.refused()).as("jobs refused").hasSize(50 - report.ran().size());
        assertThat(jobs.started()).as("jobs started: a refused one never starts").isEqualTo(report.ran().size());
    }

    @Test
    @Hint("CallerRunsPolicy runs the job that does not fit on the producer's own thread: while it runs, nothing more is submitted.")
    void callerRunsTurnsTheStormIntoBackpressureTheProducerRunsTheOverflowItself() throws InterruptedException {
        HeldJobs jobs = new HeldJobs(50);

        Report report = burst(ExecutorWorkers.callerRuns(2, 3), jobs, 3);

        assertThat(report.refused()).as("jobs refused").isEmpty();
        assertThat(report.ran()).as("jobs that ran").hasSize(50);
        assertThat(report.ran()).filteredOn(r -> r.jobId() == 5).singleElement()
                .as("job 5, the first that found the pool full").extracting(Settled.Ran::thread).isEqualTo(HeldJobs.PRODUCER);
        assertThat(jobs.mostOnWorkers()).as("most jobs at once on the pool's own threads").isEqualTo(2);
    }

    @Test
    @Hint("A semaphore the producer waits on refuses nothing: the storm waits where it came from.")
    void aSemaphoreHoldsTheWholeStormAtTheProducer() throws InterruptedException {
        HeldJobs jobs = new HeldJobs(50);
        Staged<Report> producer = Staged.start(HeldJobs.PRODUCER, () -> new VirtualThreadWorkers(2, 1).runAll(jobs));
        int taken;
        try {
            Watch.until("two jobs run and the producer waits", () -> jobs.started() == 2 && Watch.isParked(producer.thread()));
            taken = jobs.taken();
        } finally {
            jobs.open();
        }
        Report report = producer.join().value();

        assertThat(taken).as("jobs the producer had taken while both workers were busy").isEqualTo(2);
        assertThat(report.refused()).as("jobs refused").isEmpty();
        assertThat(report.ranIds()).as("jobs that ran").hasSize(50);
    }

    /** The quick version, no gate: a refusal never hides a job, whatever the timing. */
    @Test
    void everyJobOfAQuickBurstIsAccountedForByEveryRefusingPool() {
        List<Job> quick = IntStream.range(0, 500).mapToObj(id -> new Job(id, () -> 1L)).toList();
        for (BoundedWorkers workers : List.of(ExecutorWorkers.abort(2, 2), new ReactorBoundedElasticWorkers(2, 2))) {
            Report report = workers.runAll(quick);
            assertThat(report.ran().size() + report.refused().size()).as(workers.name() + ": jobs ran or refused").isEqualTo(500);
        }
    }
}
