package labs.level04_coordination.lab09_run_once;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import labs.support.Watch;

/**
 * The tests' expensive initializer: it counts its runs, records the thread of each, and makes a new
 * {@link Made} per run. Held, each run waits (interruptibly, bounded) until the test releases it,
 * so a test can line callers up behind a run that is provably under way. Failing runs throw an
 * exception the test can compare by identity.
 */
final class CountingInitializer implements Callable<Made> {

    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();
    private final CountDownLatch release;
    private final IntPredicate fails;
    private final List<Exception> thrown = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    private CountingInitializer(boolean held, IntPredicate fails) {
        this.release = new CountDownLatch(held ? 1 : 0);
        this.fails = fails;
    }

    /** Each run returns at once. */
    static CountingInitializer quick() {
        return new CountingInitializer(false, run -> false);
    }

    /** Each run waits for {@link #release()}. */
    static CountingInitializer held() {
        return new CountingInitializer(true, run -> false);
    }

    /** The runs {@code fails} picks (1 is the first) throw {@code IllegalStateException("run N failed")}. */
    static CountingInitializer failingOn(IntPredicate fails) {
        return new CountingInitializer(false, fails);
    }

    /** Held, and failing where {@code fails} says. */
    static CountingInitializer heldAndFailingOn(IntPredicate fails) {
        return new CountingInitializer(true, fails);
    }

    @Override
    public Made call() throws Exception {
        int run = runs.incrementAndGet();
        threads.add(Thread.currentThread().getName());
        try {
            if (!release.await(Watch.BOUND.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("run " + run + " was never released by the test");
            }
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw e;
        }
        if (fails.test(run)) {
            IllegalStateException failure = new IllegalStateException("run " + run + " failed");
            thrown.add(failure);
            throw failure;
        }
        return new Made(run);
    }

    /** Lets every held run, now and later, go on. */
    void release() {
        release.countDown();
    }

    int runs() {
        return runs.get();
    }

    /** Runs that ended because their thread was interrupted while held. */
    int interrupted() {
        return interrupted.get();
    }

    /** The exception the {@code n}th failing run threw (0 is the first). */
    Exception thrown(int n) {
        return thrown.get(n);
    }

    /** The threads the runs ran on, in run order. */
    List<String> threads() {
        return List.copyOf(threads);
    }

    /** Waits (bounded) until run {@code n} has started. */
    void awaitRun(int n) {
        Watch.until("run " + n + " of the initializer started (runs so far: " + runs.get() + ")", () -> runs.get() >= n);
    }
}
