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
import labs.support.Hint;
import labs.support.Threads;
import labs.support.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sibling cancelled by the fail-fast path is interrupted and then fails with
 * {@code InterruptedException}. Nobody is listening any more; with {@code Maybe.fromCallable}
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
    @Hint("A cancelled branch's late failure has nobody to go to: emit it only if someone still listens (tryOnError), or RxJava reports it as undeliverable.")
    void aCancelledSiblingThatThenFailsSendsNothingToTheGlobalErrorHandler() throws Exception {
        RxJavaPlugins.setErrorHandler(undeliverable::add);
        ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("lab06-rx-test-", 1).factory());
        CountDownLatch siblingRunning = new CountDownLatch(1);
        CountDownLatch siblingInterrupted = new CountDownLatch(1);
        // from(pool, true): interruptible. Plain from(pool) never interrupts a cancelled task, and the sibling would wait out its bound.
        Callable<Integer> sibling = () -> {
            siblingRunning.countDown();
            try {
                new CountDownLatch(1).await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS); // throws InterruptedException when cancelled
            } catch (InterruptedException e) {
                siblingInterrupted.countDown(); // the cancellation reached the sibling's thread
                throw e;
            }
            return 0;
        };
        Callable<Integer> failing = () -> {
            Watch.await("the sibling branch starts", siblingRunning);
            throw new IllegalStateException("branch 1 fails");
        };

        assertThatThrownBy(() -> new RxJavaFanOut(Schedulers.from(pool, true)).gather(List.of(sibling, failing)))
                .as("what gather threw").hasMessageContaining("branch 1 failed");
        Threads.shutdownAndAwait("the test's pool", pool, false, null); // both branches have ended
        Watch.await("the sibling is interrupted, not left to time out", siblingInterrupted);

        assertThat(undeliverable).as("errors sent to RxJavaPlugins.onError").isEmpty();
    }
}
