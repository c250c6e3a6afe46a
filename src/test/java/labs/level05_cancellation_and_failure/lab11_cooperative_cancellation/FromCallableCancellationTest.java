package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import labs.support.Hint;
import labs.support.Staged;
import labs.support.Threads;
import labs.support.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Cancelling a {@code Mono.fromCallable(…).subscribeOn(s)} (RxJava: {@code Single.fromCallable})
 * does not stop a callable that is already running — unless the scheduler interrupts its thread.
 * Reactor's schedulers built on an {@code ExecutorService} do ({@code boundedElastic()},
 * {@code parallel()}, {@code Schedulers.fromExecutorService(pool)}); one built on a plain
 * {@code Executor} ({@code Schedulers.fromExecutor(executor)}) does not, and Reactor has no switch
 * for it. RxJava's {@code Schedulers.from(executor)} interrupts only when made with
 * {@code interruptibleWorker = true}. Either way the value a cancelled callable returns is dropped.
 *
 * <p>Each test runs the callable on a pool of its own and ends the pool before it asserts on what
 * the callable did, so everything the callable reports on its way out has happened.
 */
class FromCallableCancellationTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("lab11-from-callable-test").factory());
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch mayReturn = new CountDownLatch(1);
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicBoolean delivered = new AtomicBoolean();
    private final List<Throwable> reported = new CopyOnWriteArrayList<>();

    @AfterEach
    void endThePoolAndRestoreTheHooks() {
        mayReturn.countDown();
        Threads.shutdownAndAwait("the test's pool", pool, true, null);
        Hooks.resetOnErrorDropped();
        RxJavaPlugins.setErrorHandler(null);
    }

    /** A blocking call: returns 1 when the test lets it, or records that it was interrupted. */
    private Integer blockingCall() {
        running.countDown();
        try {
            if (!mayReturn.await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the call return");
            }
        } catch (InterruptedException e) {
            interrupted.set(true);
        }
        return 1;
    }

    /** Subscribes, waits for the call to run, disposes, then lets it return and ends the pool. */
    private void disposeWhileRunning(Scheduler scheduler) throws InterruptedException {
        Disposable subscription = Mono.fromCallable(this::blockingCall).subscribeOn(scheduler).subscribe(value -> delivered.set(true));
        Watch.await("the callable runs", running);
        subscription.dispose();
        mayReturn.countDown();
        scheduler.dispose();
        Threads.shutdownAndAwait("the test's pool", pool, false, null);
    }

    @Test
    @Hint("Reactor disposes a running task with Future.cancel(true) when its scheduler has a Future to cancel: an ExecutorService.")
    void disposingAFromCallableOnAnExecutorServiceSchedulerInterruptsTheCall() throws Exception {
        disposeWhileRunning(Schedulers.fromExecutorService(pool));

        assertThat(interrupted.get()).as("the running call was interrupted").isTrue();
        assertThat(delivered.get()).as("its value was delivered").isFalse();
    }

    @Test
    @Hint("A plain Executor gives Reactor no Future to cancel: dispose() only stops what has not started.")
    void disposingAFromCallableOnAPlainExecutorSchedulerLeavesTheCallRunningAndDropsItsValue() throws Exception {
        disposeWhileRunning(Schedulers.fromExecutor(command -> pool.execute(command)));

        assertThat(interrupted.get()).as("the running call was interrupted").isFalse();
        assertThat(delivered.get()).as("its value was delivered").isFalse();
    }

    private void disposeWhileRunningOnRxJava(io.reactivex.rxjava3.core.Scheduler scheduler) throws InterruptedException {
        var subscription = Single.fromCallable(this::blockingCall).subscribeOn(scheduler).subscribe(value -> delivered.set(true));
        Watch.await("the callable runs", running);
        subscription.dispose();
        mayReturn.countDown();
        Threads.shutdownAndAwait("the test's pool", pool, false, null);
    }

    @Test
    @Hint("RxJava's Schedulers.from(executor) interrupts a disposed task only when made with interruptibleWorker = true.")
    void rxJavaFromExecutorInterruptsOnlyWhenMadeInterruptible() throws Exception {
        disposeWhileRunningOnRxJava(io.reactivex.rxjava3.schedulers.Schedulers.from(pool, true));

        assertThat(interrupted.get()).as("the running call was interrupted (interruptibleWorker = true)").isTrue();
        assertThat(delivered.get()).as("its value was delivered").isFalse();
    }

    @Test
    void rxJavaPlainFromExecutorLeavesTheCallRunning() throws Exception {
        disposeWhileRunningOnRxJava(io.reactivex.rxjava3.schedulers.Schedulers.from(pool));

        assertThat(interrupted.get()).as("the running call was interrupted (plain from(executor))").isFalse();
        assertThat(delivered.get()).as("its value was delivered").isFalse();
    }

    /**
     * The lab's Reactor runner on a scheduler that does not interrupt: its cancel cannot reach a
     * blocked step, so it waits that step out — clause 3 holds only with an interrupting scheduler.
     */
    @Test
    void theReactorRunnerOnANonInterruptingSchedulerWaitsOutABlockedStep() throws Exception {
        Scheduler plain = Schedulers.fromExecutor(command -> pool.execute(command));
        try {
            cancelWaitsOutTheBlockedStep(new ReactorJobRunner(plain));
        } finally {
            plain.dispose();
        }
    }

    @Test
    void theRxJavaRunnerOnANonInterruptingSchedulerWaitsOutABlockedStep() throws Exception {
        cancelWaitsOutTheBlockedStep(new RxJavaJobRunner(io.reactivex.rxjava3.schedulers.Schedulers.from(pool)));
    }

    private void cancelWaitsOutTheBlockedStep(JobRunner runner) throws Exception {
        TrackedResource tracked = new TrackedResource();
        RunningJob job = runner.start(tracked.job(3, index -> index == 1 ? blockingCall() : index));
        Watch.await("step 1 blocks", running);

        Staged<Report> cancel = Staged.start("canceller", job::cancel);
        Watch.until("the canceller waits for the step", () -> Watch.isParked(cancel.thread()));
        boolean stepStillBlocked = !tracked.returned().contains(1);
        mayReturn.countDown();
        Report report = cancel.join().value();

        assertThat(stepStillBlocked).as("step 1 still blocked while cancel() waited").isTrue();
        assertThat(interrupted.get()).as("step 1 interrupted").isFalse();
        assertThat(report.ending()).as("ending").isEqualTo(Ending.CANCELLED);
        assertThat(tracked.started()).as("steps started").containsExactly(0, 1);
        assertThat(tracked.released()).as("releases, after step 1 returned").isEqualTo(1);
    }

    /**
     * A step (or an acquire) cancelled mid-call fails with its interrupt when nobody listens any more. Left to the
     * libraries, that error is reported anyway — Reactor logs it through {@code Hooks.onErrorDropped},
     * RxJava prints an {@code UndeliverableException} — from the scheduler's thread, once per cancel.
     */
    @Test
    @Hint("A cancelled step's failure (its InterruptedException) is nobody's business: drop it yourself, before the library reports it as undeliverable.")
    void aCancelledStepsLateFailureReachesNoGlobalErrorHandler() throws Exception {
        Hooks.onErrorDropped(reported::add);
        RxJavaPlugins.setErrorHandler(reported::add);
        Scheduler reactorOnThePool = Schedulers.fromExecutorService(pool);
        try {
            for (Function<Boolean, JobRunner> runner : List.<Function<Boolean, JobRunner>>of(
                    reactor -> new ReactorJobRunner(reactorOnThePool),
                    rxjava -> new RxJavaJobRunner(io.reactivex.rxjava3.schedulers.Schedulers.from(pool, true)))) {
                CountDownLatch blocked = new CountDownLatch(1);
                RunningJob job = runner.apply(true).start(new TrackedResource().job(3, index -> {
                    blocked.countDown();
                    new CountDownLatch(1).await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS); // throws InterruptedException when cancelled
                    return index;
                }));
                Watch.await("step 0 blocks", blocked);
                assertThat(job.cancel().ending()).as("ending of the job cancelled in a step").isEqualTo(Ending.CANCELLED);

                CountDownLatch acquiring = new CountDownLatch(1);
                RunningJob connecting = runner.apply(true).start(new Job(3, () -> {
                    acquiring.countDown();
                    new CountDownLatch(1).await(Watch.BOUND.toSeconds(), TimeUnit.SECONDS); // a connect, failing with the interrupt
                    return new TrackedResource();
                }, (resource, index) -> index));
                Watch.await("the acquire blocks", acquiring);
                assertThat(connecting.cancel().ending()).as("ending of the job cancelled while acquiring").isEqualTo(Ending.CANCELLED);
            }
        } finally {
            reactorOnThePool.dispose();
            Threads.shutdownAndAwait("the test's pool", pool, false, null); // every step's task, and what it reports, is over
        }

        assertThat(reported).as("errors sent to Hooks.onErrorDropped or RxJavaPlugins.onError").isEmpty();
    }
}
