package labs.level06_performance.lab14_lock_contention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The Reactor lane's threads are non-blocking threads, watched by BlockHound — so every contract
 * test that ran the lane under BlockHound and passed is evidence that nothing in it parks. The
 * control changes only the scheduler a writer is subscribed on: the same sleeping writer is
 * rejected on the lane's kind of thread and counted on {@code boundedElastic()}.
 */
class LaneBlockHoundTest {

    /** A writer whose one increment blocks first. */
    private static Mono<Long> sleepingWriter() {
        return Mono.fromCallable(() -> {
            Thread.sleep(1); // the blocking call under test
            return 1L;
        });
    }

    @Test
    @Hint("The lane's writers and its fold run on non-blocking threads: a writer that blocks there is a bug BlockHound reports.")
    void aWriterThatBlocksOnTheLanesKindOfThreadIsRejected() {
        RunThreads threads = RunThreads.nonBlocking("test-blockhound");
        Scheduler writers = Schedulers.newParallel(1, threads.named("writer"));
        Scheduler lane = Schedulers.newSingle(threads.named("lane"));
        Throwable failure;
        try {
            failure = catchThrowable(() -> new ReactorLane().totals(Flux.just(sleepingWriter().subscribeOn(writers)), lane).blockLast());
        } finally {
            writers.dispose();
            lane.dispose();
            threads.end(() -> null);
        }
        assertThat(Exceptions.unwrap(failure)).as("what a blocking writer on a lane writer thread got")
                .isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!");
    }

    @Test
    void theSameWriterOnBoundedElasticIsCounted() {
        RunThreads threads = RunThreads.nonBlocking("test-blockhound-control");
        Scheduler lane = Schedulers.newSingle(threads.named("lane"));
        Long count;
        try {
            count = new ReactorLane().totals(Flux.just(sleepingWriter().subscribeOn(Schedulers.boundedElastic())), lane).blockLast();
        } finally {
            lane.dispose();
            threads.end(() -> null);
        }
        assertThat(count).as("the count of one blocking writer on boundedElastic()").isEqualTo(1L);
    }
}
