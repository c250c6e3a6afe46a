package labs.level03_message_passing.lab06_fan_out_fan_in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor's side of {@link RxJavaCancelledBranchTest}: a sibling cancelled by the fail-fast path is
 * interrupted and then fails with {@code InterruptedException}, with nobody listening any more.
 * Reactor hands such an error to {@code Hooks.onErrorDropped}, whose default logs it at ERROR
 * level with its stack trace — one per cancelled branch, in every failing call.
 * {@link ReactorFanOut} must leave it nothing to drop.
 */
class ReactorCancelledBranchTest {

    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

    @AfterEach
    void restoreTheGlobalHook() {
        Hooks.resetOnErrorDropped();
    }

    @Test
    @Hint("Put subscribeOn straight onto the branch's Mono.fromCallable: Reactor then runs it as one task whose late failure, after a cancel, goes nowhere.")
    void aCancelledSiblingThatThenFailsDropsNothingOnTheErrorHook() throws Exception {
        Hooks.onErrorDropped(dropped::add);
        CountDownLatch siblingRunning = new CountDownLatch(1);
        CountDownLatch siblingInterrupted = new CountDownLatch(1);
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

        ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("lab06-reactor-test-", 1).factory());
        Scheduler scheduler = Schedulers.fromExecutorService(pool);
        try {
            assertThatThrownBy(() -> new ReactorFanOut(scheduler).gather(List.of(sibling, failing)))
                    .as("what gather threw").hasMessageContaining("branch 1 failed");
        } finally {
            scheduler.dispose();
            Threads.shutdownAndAwait("the test's pool", pool, false, null); // both branches' tasks have returned
        }
        Watch.await("the sibling is interrupted, not left to time out", siblingInterrupted);

        assertThat(dropped).as("errors dropped on Hooks.onErrorDropped").isEmpty();
    }
}
