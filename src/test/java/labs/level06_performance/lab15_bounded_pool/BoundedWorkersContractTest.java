package labs.level06_performance.lab15_bounded_pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import labs.support.BadInputException;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab15 workers contract (see {@link BoundedWorkers} and the lab's README), checked once for
 * every implementation in {@link BoundedWorkers#IMPLEMENTATIONS}; the reports name each one.
 * Full pools are staged with {@link HeldJobs}: every job waits at a gate the test opens, so what the
 * test looks at is a state, not a moment, and nothing here sleeps.
 */
class BoundedWorkersContractTest {

    static Stream<Implementation<BoundedWorkers.Maker>> implementations() {
        return BoundedWorkers.IMPLEMENTATIONS.stream();
    }

    private static List<Job> quickJobs(int count) {
        return IntStream.range(0, count).mapToObj(id -> new Job(id, () -> (long) id * id)).toList();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Every job either runs once or is refused once, and the report says which: count what you hand over, what you refuse and what ends.")
    void everyJobSettlesExactlyOnceRanOrRefusedNeverBothNeverNeither(Implementation<BoundedWorkers.Maker> impl) {
        Report report = impl.create().make(3, 4).runAll(quickJobs(60));

        List<Integer> settled = new ArrayList<>(report.ranIds());
        settled.addAll(report.refused());
        assertThat(settled).as("jobs ran or refused").containsExactlyInAnyOrderElementsOf(IntStream.range(0, 60).boxed().toList());
        assertThat(report.ran()).as("results of the jobs that ran")
                .allSatisfy(r -> assertThat(r.result().value()).isEqualTo((long) r.jobId() * r.jobId()));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A job's exception is its result, not the end of the run: settle it and keep the other jobs going.")
    void aFailingJobIsAFailedResultAndTheOtherJobsStillRun(Implementation<BoundedWorkers.Maker> impl) {
        BoundedWorkers workers = impl.create().make(2, 4);
        IllegalStateException boom = new IllegalStateException("job 3 fails");
        // Four jobs, all of which fit (two run, two wait, or the producer waits): none is refused.
        List<Job> jobs = IntStream.range(0, 4)
                .mapToObj(id -> new Job(id, () -> {
                    if (id == 3) {
                        throw boom;
                    }
                    return (long) id;
                })).toList();

        Report report = workers.runAll(jobs);

        assertThat(report.refused()).as("refused").isEmpty();
        assertThat(report.ranIds()).as("jobs that ran").containsExactlyInAnyOrderElementsOf(IntStream.range(0, jobs.size()).boxed().toList());
        assertThat(report.ran()).filteredOn(r -> r.jobId() == 3).singleElement()
                .satisfies(r -> assertThat(r.result().error()).as("job 3's result").isSameAs(boom));
        assertThat(report.failedCount()).as("failed results").isEqualTo(1);
    }

    /**
     * The guard against the tempting wrong pools: an unbounded queue (every job accepted at once:
     * the producer takes them all and waits only at the end), no bound at all (more than W at once),
     * one job at a time (W never reached: the wait for W running jobs fails). Every job waits at a
     * gate; the test looks once W run and the producer has stopped, then opens the gate.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("With every worker busy and the room full, the next job is refused at once, or the producer waits (or runs it itself): never a bigger queue.")
    void aFullPoolRefusesOrHoldsTheProducerBackAndNeverQueuesMoreThanItsRoom(Implementation<BoundedWorkers.Maker> impl) throws Exception {
        BoundedWorkers workers = impl.create().make(2, 2);
        int w = workers.workers();
        int room = workers.waitingRoom();
        int beyond = 3;
        HeldJobs jobs = new HeldJobs(w + room + beyond);
        Staged<Report> producer = Staged.start(HeldJobs.PRODUCER, () -> workers.runAll(jobs));

        int taken;
        int started;
        try {
            // Counted on the workers, not all started: a caller-runs producer may start its own job
            // before a worker has picked up its first one (seen under load).
            Watch.until(w + " jobs running on the workers and the producer stopped (it waits, runs a job itself, or has handed every job over)",
                    () -> jobs.mostOnWorkers() >= w && Watch.isParked(producer.thread()));
            taken = jobs.taken();
            started = jobs.started();
        } finally {
            jobs.open();
        }
        Report report = producer.join().value();

        assertThat(jobs.mostOnWorkers()).as("most jobs running at once on the workers").isEqualTo(w);
        if (workers.overload() == Overload.REFUSE) {
            assertThat(taken).as("jobs the producer had handed over while the pool was full: a refusing pool never holds it back")
                    .isEqualTo(jobs.size());
            // At least: a scheduler's room can fill before it is full (reactor-bounded-elastic counts
            // a task its thread has not picked up yet); the exact count is RejectionStormTest's.
            assertThat(report.refused().size()).as("jobs refused: at least those beyond %d running and a room of %d", w, room)
                    .isGreaterThanOrEqualTo(beyond);
        } else {
            assertThat(taken - started).as("jobs handed over that no worker had started (room %d, plus one in the producer's hand)", room)
                    .isLessThanOrEqualTo(room + 1);
            assertThat(report.refused()).as("refused by a pool that holds the producer back").isEmpty();
        }
        assertThat(report.ran().size() + report.refused().size()).as("jobs settled").isEqualTo(jobs.size());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check what you were given before you make threads or schedulers: bad input must start nothing.")
    void badInputIsRefusedInOneLineBeforeAnythingStarts(Implementation<BoundedWorkers.Maker> impl) {
        assertThatThrownBy(() -> impl.create().make(0, 4)).isInstanceOf(BadInputException.class).hasMessage("workers must be >= 1 (got 0)");
        assertThatThrownBy(() -> impl.create().make(2, 0)).isInstanceOf(BadInputException.class).hasMessage("capacity must be >= 1 (got 0)");
        BoundedWorkers workers = impl.create().make(2, 2);
        assertThatThrownBy(() -> workers.runAll(null)).hasMessage("jobs must not be null");
        List<Job> withANull = new ArrayList<>(quickJobs(2));
        withANull.add(null);
        assertThatThrownBy(() -> workers.runAll(withANull)).hasMessage("jobs[2] is null");
        assertThatThrownBy(() -> workers.runAll(List.of(new Job(7, () -> 1L), new Job(7, () -> 2L))))
                .isInstanceOf(BadInputException.class).hasMessage("job id 7 appears twice; ids must be unique");
    }
}
