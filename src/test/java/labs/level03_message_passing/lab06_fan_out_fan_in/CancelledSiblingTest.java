package labs.level03_message_passing.lab06_fan_out_fan_in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import labs.support.Hint;
import labs.support.Threads;
import labs.support.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Schedulers;

/**
 * A sibling cancelled by the fail-fast path is interrupted and then fails with
 * {@code InterruptedException}, with nobody listening any more. Left to the libraries' defaults,
 * that error is reported anyway: RxJava sends it to {@code RxJavaPlugins.onError} (an
 * {@code UndeliverableException} printed and thrown at the thread's uncaught-exception handler),
 * Reactor to {@code Hooks.onErrorDropped} (logged at ERROR with its stack trace) — one per cancelled
 * branch, in every failing call. The reactive classes must leave them nothing to report.
 *
 * <p>Each test runs the branches on a pool of its own and ends it before asserting, so every
 * branch's task, and whatever it reports on the way out, is over.
 */
class CancelledSiblingTest {

    private final List<Throwable> reported = new CopyOnWriteArrayList<>();
    private final CountDownLatch siblingInterrupted = new CountDownLatch(1);

    @AfterEach
    void restoreTheGlobalHandlers() {
        RxJavaPlugins.setErrorHandler(null);
        Hooks.resetOnErrorDropped();
    }

    @Test
    @Hint("A cancelled branch's late failure has nobody to go to: emit it only if someone still listens (tryOnError), or RxJava reports it as undeliverable.")
    void aCancelledSiblingThatThenFailsSendsNothingToTheGlobalErrorHandler() throws Exception {
        RxJavaPlugins.setErrorHandler(reported::add);
        // from(pool, true): interruptible. Plain from(pool) never interrupts a cancelled task, and the sibling would wait out its bound.
        gatherOnItsOwnPool(pool -> new RxJavaFanOut(io.reactivex.rxjava3.schedulers.Schedulers.from(pool, true)));

        assertThat(reported).as("errors sent to RxJavaPlugins.onError").isEmpty();
    }

    @Test
    @Hint("Put subscribeOn straight onto the branch's Mono.fromCallable: Reactor then runs it as one task whose late failure, after a cancel, goes nowhere.")
    void aCancelledSiblingThatThenFailsDropsNothingOnTheErrorHook() throws Exception {
        Hooks.onErrorDropped(reported::add);
        gatherOnItsOwnPool(pool -> new ReactorFanOut(Schedulers.fromExecutorService(pool)));

        assertThat(reported).as("errors dropped on Hooks.onErrorDropped").isEmpty();
    }

    /**
     * Branch 0 waits to be interrupted, then fails with the {@code InterruptedException}; branch 1
     * fails once branch 0 runs. Returns when the pool has ended and branch 0 was interrupted.
     */
    private void gatherOnItsOwnPool(Function<ExecutorService, FanOutFanIn> fanOutOn) throws InterruptedException {
        CountDownLatch siblingRunning = new CountDownLatch(1);
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
        ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("lab06-cancel-test-", 1).factory());
        try {
            assertThatThrownBy(() -> fanOutOn.apply(pool).gather(List.of(sibling, failing)))
                    .as("what gather threw").hasMessageContaining("branch 1 failed");
        } finally {
            Threads.shutdownAndAwait("the test's pool", pool, false, null); // both branches' tasks have returned
        }
        Watch.await("the sibling is interrupted, not left to time out", siblingInterrupted);
    }
}
