package labs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one rule for ending threads: bounded, names what did not end, and never hides the failure
 * already on its way out. Each stuck thread here is parked on a latch the test opens afterwards,
 * so nothing outlives the test.
 */
class ThreadsTest {

    private static final Duration SHORT = Duration.ofMillis(50);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheStuck() {
        release.countDown();
    }

    private Thread stuck(String name) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void threadsThatEndAreJoinedAndNothingIsThrown() throws InterruptedException {
        Thread quick = Thread.ofPlatform().name("quick").start(() -> { });

        Threads.awaitEnd("a test", List.of(quick), SHORT.multipliedBy(100), null);

        assertThat(quick.isAlive()).isFalse();
    }

    @Test
    @Hint("A bounded wait that runs out names each thread still alive, its state and where it is.")
    void aThreadStillAliveAfterTheBoundIsNamedInTheError() throws InterruptedException {
        Thread stuck = stuck("stuck-worker");

        assertThatThrownBy(() -> Threads.awaitEnd("lab99 demo", List.of(stuck), SHORT, null))
                .isInstanceOf(Threads.DidNotEndException.class)
                .hasMessageStartingWith("lab99 demo: 1 thread(s) still running 50 ms after being told to stop")
                .hasMessageContaining("\"stuck-worker\" WAITING");
        release.countDown();
        Watch.joinBounded(stuck);
    }

    @Test
    @Hint("The failure already on its way out stays the one the caller sees; the teardown's timeout rides along as suppressed.")
    void aTimeoutNeverHidesThePrimaryFailureItIsAddedToIt() throws InterruptedException {
        Thread stuck = stuck("stuck-after-failure");
        IllegalStateException primary = new IllegalStateException("stage 2 failed");

        Threads.awaitEnd("lab99 demo", List.of(stuck), SHORT, primary);

        assertThat(primary.getSuppressed()).as("what the primary failure carries").hasSize(1);
        assertThat(primary.getSuppressed()[0]).isInstanceOf(Threads.DidNotEndException.class).hasMessageContaining("stuck-after-failure");
        release.countDown();
        Watch.joinBounded(stuck);
    }

    @Test
    void anInterruptDuringTheWaitDoesNotCutItShortAndIsRestoredAfterIt() throws InterruptedException {
        CountDownLatch waiting = new CountDownLatch(1);
        Thread worker = Thread.ofPlatform().name("ends-when-released").start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Staged<Boolean> waiter = Staged.run("waiter", () -> {
            waiting.countDown();
            Threads.awaitEnd("lab99 demo", List.of(worker), Duration.ofSeconds(10), null);
            if (!Thread.currentThread().isInterrupted()) {
                throw new AssertionError("the interrupt was swallowed");
            }
        });
        Watch.await("the waiter waits", waiting);
        Watch.until("the waiter is in the join", () -> Watch.isParked(waiter.thread()));
        waiter.thread().interrupt();
        release.countDown();

        assertThat(waiter.join().succeeded()).as("the wait went on, then restored the interrupt").isTrue();
        assertThat(worker.isAlive()).isFalse();
    }

    @Test
    void aPoolThatDoesNotTerminateIsInterruptedAndNamedAndTheFailureStaysPrimary() throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("lab99-pool-", 1).factory());
        CountDownLatch running = new CountDownLatch(1);
        pool.execute(() -> {
            running.countDown();
            while (true) {
                // ignores shutdown(); only the interrupt of shutdownNow ends it
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                Thread.onSpinWait();
            }
        });
        Watch.await("the task runs", running);
        RuntimeException primary = new RuntimeException("the real failure");

        Threads.shutdownAndAwait("lab99 pool", pool, false, SHORT, primary);

        assertThat(primary.getSuppressed()).hasSize(1);
        assertThat(primary.getSuppressed()[0]).hasMessageContaining("lab99 pool: its pool did not terminate within 50 ms");
        assertThat(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).as("interrupted, it ends").isTrue();
    }

    @Test
    void anOwnedPoolHasNoThreadAliveOnceEnded() throws Exception {
        OwnedPool pool = OwnedPool.platform("lab99 owned", "lab99-owned-", 2);
        List<Thread> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        pool.executor().submit(() -> seen.add(Thread.currentThread())).get();
        pool.executor().submit(() -> seen.add(Thread.currentThread())).get();

        pool.end(false, null);

        assertThat(seen).isNotEmpty().allSatisfy(t -> assertThat(t.isAlive()).as(t.getName() + " alive after end").isFalse());
    }
}
