package labs.level06_performance.lab15_bounded_pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Making a connection blocks, and so does a job that stands for a slow call: on a non-blocking
 * scheduler BlockHound must catch it. Each pair runs the same core with the same blocking work;
 * only the scheduler the core is given differs.
 */
class PoolBlockHoundTest {

    private static final AtomicInteger MADE = new AtomicInteger();

    private static Connection slowlyMade() throws InterruptedException {
        Thread.sleep(1); // the blocking call under test
        return new Connection(MADE.incrementAndGet());
    }

    private static Lease leaseFromAPoolWhoseConnectionsAreMadeOn(Scheduler scheduler) {
        ReactorPool pool = ReactorPool.create(1, 0, Mono.fromCallable(PoolBlockHoundTest::slowlyMade).subscribeOn(scheduler), Schedulers.parallel());
        try {
            return pool.lease("client", Duration.ofSeconds(5)).block();
        } finally {
            pool.close();
        }
    }

    @Test
    @Hint("Making a connection blocks: subscribe the allocator on a scheduler that allows it (boundedElastic()), never on parallel().")
    void makingAConnectionOnParallelIsABlockingOperationError() {
        assertThatThrownBy(() -> leaseFromAPoolWhoseConnectionsAreMadeOn(Schedulers.parallel()))
                .satisfies(e -> assertThat(Exceptions.unwrap(e)).isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!"));
    }

    /** The control: the same allocator on boundedElastic(). */
    @Test
    void makingTheSameConnectionOnBoundedElasticIsFine() {
        assertThat(leaseFromAPoolWhoseConnectionsAreMadeOn(Schedulers.boundedElastic()).connection().isOpen()).isTrue();
    }

    private static Report sleepingJobOn(Scheduler scheduler) {
        return new ReactorWorkers(1, 1, scheduler).runAll(List.of(new Job(0, () -> {
            Thread.sleep(1); // the blocking call under test
            return 0L;
        })));
    }

    @Test
    @Hint("A job that blocks belongs on boundedElastic(); on parallel() BlockHound throws an Error, which is not the job's result.")
    void aBlockingJobOnParallelIsABlockingOperationErrorNotAResult() {
        assertThatThrownBy(() -> sleepingJobOn(Schedulers.parallel()))
                .isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!");
    }

    /** The control: the same job on boundedElastic(). */
    @Test
    void theSameJobOnBoundedElasticRuns() {
        assertThat(sleepingJobOn(Schedulers.boundedElastic()).ran()).singleElement()
                .satisfies(r -> assertThat(r.result().succeeded()).isTrue());
    }
}
