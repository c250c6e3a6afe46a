package labs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * BlockHound is installed for every test run by {@code blockhound-junit-platform}; our
 * {@link RxJavaBlockHoundIntegration} extends it to RxJava. These tests prove both are live: if
 * either were missing, the sleeps below would simply succeed and these tests would fail.
 */
class BlockHoundIsActiveTest {

    private static void sleepBriefly() throws InterruptedException {
        Thread.sleep(1); // the blocking call under test, not a wait: BlockHound must reject it
    }

    @Test
    void sleepingInsideAFluxOnReactorParallelIsFlagged() {
        assertThatThrownBy(() -> sleepingOn(Schedulers.parallel()))
                .satisfies(e -> assertThat(Exceptions.unwrap(e)).isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("Blocking call!"));
    }

    @Test
    void sleepingInsideAFlowableOnRxJavaComputationIsFlagged() {
        sleepingOn(io.reactivex.rxjava3.schedulers.Schedulers.computation())
                .assertError(e -> e instanceof BlockingOperationError && e.getMessage().contains("Blocking call!"));
    }

    @Test
    void sleepingOnRxJavaSingleIsFlaggedToo() {
        sleepingOn(io.reactivex.rxjava3.schedulers.Schedulers.single()).assertError(BlockingOperationError.class);
    }

    /** Guards against the lazy "fix" of marking every RxJava thread non-blocking. */
    @Test
    void sleepingOnRxJavaIoIsAllowedBecauseIoExistsForBlockingWork() {
        sleepingOn(io.reactivex.rxjava3.schedulers.Schedulers.io())
                .assertNoErrors()
                .assertValue(1)
                .assertComplete();
    }

    /** One item, slept on in {@code doOnNext} on {@code scheduler}; the subscriber once the flow ended (bounded wait). */
    private static TestSubscriber<Integer> sleepingOn(io.reactivex.rxjava3.core.Scheduler scheduler) {
        return Flowable.just(1)
                .observeOn(scheduler)
                .doOnNext(i -> sleepBriefly())
                .test()
                .awaitDone(10, TimeUnit.SECONDS);
    }

    @Test
    void sleepingOnReactorBoundedElasticIsAllowed() {
        assertThat(sleepingOn(Schedulers.boundedElastic())).isEqualTo(1);
    }

    /** One item, slept on in {@code doOnNext} on {@code scheduler}; its value, or what the flow failed with (bounded wait). */
    private static Integer sleepingOn(Scheduler scheduler) {
        return Flux.just(1)
                .publishOn(scheduler)
                .doOnNext(i -> {
                    try {
                        sleepBriefly();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .blockLast(Duration.ofSeconds(10));
    }
}
