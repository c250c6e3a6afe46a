package labs.level04_coordination.lab09_run_once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An expensive initializer usually blocks (it opens something). The reactive variants run it on the
 * scheduler they are given; each pair here gives the same core the same blocking initializer and
 * changes only the scheduler. On Reactor's {@code parallel()} (RxJava's {@code computation()})
 * BlockHound rejects the blocking call with a {@link BlockingOperationError} — an {@code Error},
 * which reaches the caller as it is, and which a caching operator then keeps like any other outcome.
 */
class InitializerOnNonBlockingSchedulerTest {

    /** An initializer that counts its runs and blocks its thread for a millisecond, as opening a connection would. */
    private static Callable<String> blockingInitializer(AtomicInteger runs) {
        return () -> {
            runs.incrementAndGet();
            Thread.sleep(1); // blocking call under test
            return "connection";
        };
    }

    @Test
    @Hint("parallel() is for work that never blocks: an initializer that opens something needs boundedElastic().")
    void aBlockingInitializerOnParallelIsRejectedAndCacheKeepsThatErrorForEver() {
        AtomicInteger runs = new AtomicInteger();
        RunOnce<String> lazy = new ReactorCachedLazy<>(blockingInitializer(runs), Schedulers.parallel());

        Throwable first = catchThrowable(lazy::get);
        Throwable second = catchThrowable(lazy::get);

        assertThat(first).as("what the first get() threw").isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!");
        assertThat(second).as("what the second get() threw: the cached Error itself").isSameAs(first);
        assertThat(runs.get()).as("runs of the initializer").isEqualTo(1);
    }

    @Test
    @Hint("Retrying does not move the run to another scheduler: each retry hits BlockHound again.")
    void aBlockingInitializerOnParallelIsRejectedAgainOnEveryRetry() {
        AtomicInteger runs = new AtomicInteger();
        RunOnce<String> lazy = new ReactorRetryingLazy<>(blockingInitializer(runs), Schedulers.parallel());

        Throwable first = catchThrowable(lazy::get);
        Throwable second = catchThrowable(lazy::get);

        assertThat(first).as("what the first get() threw").isInstanceOf(BlockingOperationError.class);
        assertThat(second).as("what the retry threw").isInstanceOf(BlockingOperationError.class).isNotSameAs(first);
        assertThat(runs.get()).as("runs of the initializer: each one rejected").isEqualTo(2);
    }

    @Test
    void theSameInitializerOnBoundedElasticMakesTheValue() {
        AtomicInteger runs = new AtomicInteger();
        RunOnce<String> lazy = new ReactorCachedLazy<>(blockingInitializer(runs), Schedulers.boundedElastic());

        assertThat(lazy.get()).as("the value made on boundedElastic()").isEqualTo("connection");
        assertThat(runs.get()).as("runs of the initializer").isEqualTo(1);
    }

    @Test
    @Hint("computation() is for work that never blocks: an initializer that opens something needs io().")
    void rxJavaABlockingInitializerOnComputationIsRejectedAndCacheKeepsThatErrorForEver() {
        AtomicInteger runs = new AtomicInteger();
        RunOnce<String> lazy = new RxJavaCachedLazy<>(blockingInitializer(runs), io.reactivex.rxjava3.schedulers.Schedulers.computation());

        Throwable first = catchThrowable(lazy::get);

        assertThat(first).as("what the first get() threw").isInstanceOf(BlockingOperationError.class);
        assertThat(catchThrowable(lazy::get)).as("what the second get() threw: the cached Error itself").isSameAs(first);
        assertThat(runs.get()).as("runs of the initializer").isEqualTo(1);
    }

    @Test
    void rxJavaTheSameInitializerOnIoMakesTheValue() {
        AtomicInteger runs = new AtomicInteger();
        RunOnce<String> lazy = new RxJavaCachedLazy<>(blockingInitializer(runs), io.reactivex.rxjava3.schedulers.Schedulers.io());

        assertThat(lazy.get()).as("the value made on io()").isEqualTo("connection");
        assertThat(runs.get()).as("runs of the initializer").isEqualTo(1);
    }

    /** The edge blocks: called from parallel(), Reactor's block() refuses before BlockHound needs to. */
    @Test
    void callingTheBlockingEdgeFromParallelIsRefusedByReactorItself() {
        RunOnce<String> lazy = new ReactorCachedLazy<>(() -> "connection");

        Throwable failure = catchThrowable(() -> Mono.fromCallable(lazy::get).subscribeOn(Schedulers.parallel()).block());

        assertThat(Exceptions.unwrap(failure)).as("what get() on parallel() threw").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("block()/blockFirst()/blockLast() are blocking, which is not supported in thread parallel-");
    }
}
