package labs.level03_message_passing.lab06_fan_out_fan_in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sibling cancelled by the fail-fast path is interrupted and then fails with
 * {@code InterruptedException}. Nobody is listening any more; with {@code Flowable.fromCallable}
 * RxJava would route that error to {@code RxJavaPlugins.onError} (an {@code UndeliverableException}
 * printed and thrown at the thread's uncaught-exception handler). {@link RxJavaFanOut} must not.
 */
class RxJavaCancelledBranchTest {

    private final List<Throwable> undeliverable = new CopyOnWriteArrayList<>();

    @AfterEach
    void restoreTheGlobalHandler() {
        RxJavaPlugins.setErrorHandler(null);
    }

    @Test
    void aCancelledSiblingThatThenFailsSendsNothingToTheGlobalErrorHandler() throws Exception {
        RxJavaPlugins.setErrorHandler(undeliverable::add);
        ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("lab06-rx-test-", 1).factory());
        CountDownLatch siblingRunning = new CountDownLatch(1);
        CountDownLatch siblingInterrupted = new CountDownLatch(1);
        // from(pool, true): interruptible. Plain from(pool) never interrupts a cancelled task, and the sibling would wait 10 s.
        Callable<Integer> sibling = () -> {
            siblingRunning.countDown();
            try {
                new CountDownLatch(1).await(10, TimeUnit.SECONDS); // throws InterruptedException when cancelled
            } catch (InterruptedException e) {
                siblingInterrupted.countDown(); // the cancellation reached the sibling's thread
                throw e;
            }
            return 0;
        };
        Callable<Integer> failing = () -> {
            siblingRunning.await(10, TimeUnit.SECONDS);
            throw new IllegalStateException("branch 1 fails");
        };

        assertThatThrownBy(() -> new RxJavaFanOut(Schedulers.from(pool, true)).gather(List.of(sibling, failing)))
                .hasMessageContaining("branch 1 failed");
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("both branches have ended").isTrue();
        assertThat(siblingInterrupted.await(10, TimeUnit.SECONDS)).as("the sibling was interrupted, not left to time out").isTrue();

        assertThat(undeliverable).as("errors sent to RxJavaPlugins.onError").isEmpty();
    }
}
