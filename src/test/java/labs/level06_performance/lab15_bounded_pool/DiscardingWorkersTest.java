package labs.level06_performance.lab15_bounded_pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * The "fix" for a rejection storm that hides it: the discard policies. The producer sees no
 * exception and the report no refusal; the jobs are simply gone. Staged with held jobs, so which
 * jobs are lost is exact.
 */
class DiscardingWorkersTest {

    private static List<Integer> lost(Function<HeldJobs, Report> pool, HeldJobs jobs) throws InterruptedException {
        Staged<Report> producer = Staged.start(HeldJobs.PRODUCER, () -> pool.apply(jobs));
        try {
            Watch.until("the producer has handed over every job", () -> jobs.taken() == jobs.size() && Watch.isParked(producer.thread()));
        } finally {
            jobs.open();
        }
        Report report = producer.join().value();
        List<Integer> lost = new ArrayList<>(IntStream.range(0, jobs.size()).boxed().toList());
        lost.removeAll(report.ranIds());
        lost.removeAll(report.refused());
        assertThat(report.refused()).as("refusals reported").isEmpty();
        return lost;
    }

    @Test
    @Hint("A job dropped without an exception is a job nobody knows was lost: refuse it, or hold the producer back.")
    void discardPolicyLosesEveryJobThatFindsThePoolFullWithoutAWord() throws InterruptedException {
        assertThat(lost(jobs -> DiscardingWorkers.discardNewest(2, 2).runAll(jobs), new HeldJobs(10)))
                .as("jobs neither run nor refused").containsExactly(4, 5, 6, 7, 8, 9);
    }

    @Test
    void discardOldestPolicyLosesTheJobsThatWaitedLongest() throws InterruptedException {
        assertThat(lost(jobs -> DiscardingWorkers.discardOldest(2, 2).runAll(jobs), new HeldJobs(10)))
                .as("jobs neither run nor refused").containsExactly(2, 3, 4, 5, 6, 7);
    }
}
