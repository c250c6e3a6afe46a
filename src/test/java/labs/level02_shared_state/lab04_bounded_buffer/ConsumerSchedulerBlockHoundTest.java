package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import java.time.Duration;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The consumer runs on the scheduler the core is given, and a consumer that blocks needs a
 * scheduler that may block. Each pair drives the same core with the same blocking consumer and
 * changes only the scheduler: on Reactor's {@code parallel()} (RxJava's {@code computation()})
 * BlockHound rejects the blocking call; on {@code boundedElastic()} ({@code io()}) it is allowed.
 */
class ConsumerSchedulerBlockHoundTest {

    private static final int ITEMS = 3;

    /** A consumer that writes each item somewhere slow: it blocks its thread for a millisecond. */
    private static void blockingWrite() throws InterruptedException {
        Thread.sleep(1); // blocking call under test
    }

    private static Flux<Integer> reactor(reactor.core.scheduler.Scheduler consumer) {
        return new ReactorBackpressure(2, consumer).pull(Flux.range(0, ITEMS), item -> Mono.fromCallable(() -> {
            blockingWrite();
            return item;
        }));
    }

    private static Flowable<Integer> rxjava(io.reactivex.rxjava3.core.Scheduler consumer) {
        return new RxJavaBackpressure(2, consumer).pull(Flowable.range(0, ITEMS), item -> Completable.fromAction(
                ConsumerSchedulerBlockHoundTest::blockingWrite));
    }

    @Test
    @Hint("parallel() is for work that never blocks: give a blocking consumer a scheduler that may block.")
    void aBlockingConsumerOnParallelIsRejectedByBlockHound() {
        Throwable failure = catchThrowable(() -> reactor(Schedulers.parallel()).blockLast(Duration.ofSeconds(10)));
        assertThat(Exceptions.unwrap(failure)).as("what a blocking consumer on parallel() ended with")
                .isInstanceOf(BlockingOperationError.class);
    }

    @Test
    void theSameConsumerOnBoundedElasticConsumesEveryItem() {
        assertThat(reactor(Schedulers.boundedElastic()).collectList().block(Duration.ofSeconds(10)))
                .as("items consumed on boundedElastic()").containsExactly(0, 1, 2);
    }

    @Test
    @Hint("computation() is for work that never blocks: give a blocking consumer a scheduler that may block.")
    void aBlockingConsumerOnComputationIsRejectedByBlockHound() {
        Throwable failure = catchThrowable(() -> rxjava(io.reactivex.rxjava3.schedulers.Schedulers.computation()).blockingLast());
        assertThat(failure).as("what a blocking consumer on computation() ended with").isInstanceOf(BlockingOperationError.class);
    }

    @Test
    void theSameConsumerOnIoConsumesEveryItem() {
        assertThat(rxjava(io.reactivex.rxjava3.schedulers.Schedulers.io()).toList().blockingGet())
                .as("items consumed on io()").containsExactly(0, 1, 2);
    }
}
