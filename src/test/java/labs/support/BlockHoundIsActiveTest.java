package labs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Flowable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
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
        assertThatThrownBy(() -> Flux.range(1, 3)
                        .publishOn(Schedulers.parallel())
                        .doOnNext(i -> {
                            try {
                                sleepBriefly();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .blockLast(Duration.ofSeconds(10)))
                .satisfies(e -> assertThat(Exceptions.unwrap(e)).isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("Blocking call!"));
    }

    @Test
    void sleepingInsideAFlowableOnRxJavaComputationIsFlagged() {
        Flowable.range(1, 3)
                .observeOn(io.reactivex.rxjava3.schedulers.Schedulers.computation())
                .doOnNext(i -> sleepBriefly())
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertError(e -> e instanceof BlockingOperationError && e.getMessage().contains("Blocking call!"));
    }

    @Test
    void sleepingOnRxJavaSingleIsFlaggedToo() {
        Flowable.just(1)
                .observeOn(io.reactivex.rxjava3.schedulers.Schedulers.single())
                .doOnNext(i -> sleepBriefly())
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertError(BlockingOperationError.class);
    }

    /** Guards against the lazy "fix" of marking every RxJava thread non-blocking. */
    @Test
    void sleepingOnRxJavaIoIsAllowedBecauseIoExistsForBlockingWork() {
        Flowable.just(1)
                .observeOn(io.reactivex.rxjava3.schedulers.Schedulers.io())
                .doOnNext(i -> sleepBriefly())
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertNoErrors()
                .assertValue(1)
                .assertComplete();
    }

    @Test
    void sleepingOnReactorBoundedElasticIsAllowed() {
        assertThat(Flux.just(1)
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(i -> {
                    try {
                        sleepBriefly();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .blockLast(Duration.ofSeconds(10))).isEqualTo(1);
    }
}
