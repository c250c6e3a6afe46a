package labs.level05_cancellation_and_failure.lab13_supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import labs.support.Hint;
import labs.support.Threads;
import labs.support.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Schedulers;

/**
 * A sibling stopped by one-for-all is interrupted, and then fails with its
 * {@code InterruptedException} — with nobody listening any more. Left to the libraries' defaults,
 * that late error would be reported anyway: RxJava sends it to {@code RxJavaPlugins.onError} (an
 * {@code UndeliverableException}, printed and thrown at the thread), Reactor to
 * {@code Hooks.onErrorDropped} (logged with its stack trace) — once per stopped sibling, at every
 * crash. The cores must leave them nothing to report (lab06 found the same on its cancelled branches).
 *
 * <p>Each test supervises on a pool of its own and ends it before asserting, so every task, and
 * whatever it reports on its way out, is over.
 */
class StoppedSiblingTest {

    private final List<Throwable> reported = new CopyOnWriteArrayList<>();

    @AfterEach
    void restoreTheGlobalHandlers() {
        RxJavaPlugins.setErrorHandler(null);
        Hooks.resetOnErrorDropped();
    }

    @Test
    @Hint("Put subscribeOn straight onto the worker's Mono.fromCallable: Reactor then runs it as one task whose late failure, after a cancel, goes nowhere.")
    void aStoppedSiblingThatThenFailsDropsNothingOnReactorsErrorHook() throws InterruptedException {
        Hooks.onErrorDropped(reported::add);
        superviseOnItsOwnPool(pool -> new ReactorSupervisor(quick(), Strategy.ONE_FOR_ALL, Schedulers.fromExecutorService(pool)));

        assertThat(reported).as("errors dropped on Hooks.onErrorDropped").isEmpty();
    }

    @Test
    @Hint("A stopped sibling's late failure has nobody to go to: emit it only if someone still listens (tryOnError), or RxJava reports it as undeliverable.")
    void aStoppedSiblingThatThenFailsSendsNothingToRxJavasErrorHandler() throws InterruptedException {
        RxJavaPlugins.setErrorHandler(reported::add);
        // from(pool, true): interruptible. Plain from(pool) never interrupts a disposed task.
        superviseOnItsOwnPool(pool -> new RxJavaSupervisor(quick(), Strategy.ONE_FOR_ALL, io.reactivex.rxjava3.schedulers.Schedulers.from(pool, true)));

        assertThat(reported).as("errors sent to RxJavaPlugins.onError").isEmpty();
    }

    private static RestartPolicy quick() {
        return RestartPolicy.backoff(Duration.ofMillis(1), Duration.ofMillis(4)).withIntensity(100, Duration.ofHours(1));
    }

    /**
     * y's first worker holds its input until interrupted, then fails with the
     * {@code InterruptedException}; x crashes once y holds. Returns when the pool has ended and y
     * was interrupted.
     */
    private void superviseOnItsOwnPool(Function<ScheduledExecutorService, Supervisor> supervisorOn) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger yWorkers = new AtomicInteger();
        Child y = new Child("y", List.of("held"), () -> {
            boolean first = yWorkers.incrementAndGet() == 1;
            return input -> {
                if (first) {
                    holding.countDown();
                    try {
                        new CountDownLatch(1).await(Watch.BOUND.toMillis(), TimeUnit.MILLISECONDS); // throws InterruptedException when stopped
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                }
                return input.toUpperCase(Locale.ROOT);
            };
        });
        AtomicInteger xCrashes = new AtomicInteger(1);
        Child x = new Child("x", List.of("boom"), () -> input -> {
            if (xCrashes.getAndDecrement() > 0) {
                Watch.await("y holds its input", holding);
                throw new IllegalStateException("x crashes while y holds");
            }
            return "BOOM";
        });
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(3, Thread.ofPlatform().name("lab13-stopped-sibling-test-", 1).factory());
        try {
            Report report = supervisorOn.apply(pool).run(List.of(x, y));
            assertThat(report.outputs("y")).as("y's outputs after its restart").containsExactly("HELD");
        } finally {
            Threads.shutdownAndAwait("the test's pool", pool, false, null); // every task has returned
        }
        Watch.await("y's first worker is interrupted, not left to time out", interrupted);
    }
}
