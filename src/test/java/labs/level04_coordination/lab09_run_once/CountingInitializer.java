package labs.level04_coordination.lab09_run_once;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import labs.support.Watch;

/**
 * The tests' expensive initializer: it counts its runs, records the thread of each, and makes a new
 * {@link Made} per run. Held, each run waits (interruptibly, bounded) at its own gate until the test
 * releases it — all runs at once, or one run — so a test can line callers up behind a run that is
 * provably under way, and let racing runs finish in the order it chooses. Failing runs throw an
 * exception the test can compare by identity. Closing it releases every run, so a test that fails
 * half-way leaves no run held (and no thread waiting for one) behind it.
 */
final class CountingInitializer implements Callable<Made>, AutoCloseable {

    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();
    private final boolean held;
    private final Map<Integer, CountDownLatch> gates = new HashMap<>(); // guarded by this
    private boolean releasedAll; // guarded by this
    private final IntPredicate fails;
    private final List<Exception> thrown = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final List<Made> made = new CopyOnWriteArrayList<>();

    private CountingInitializer(boolean held, IntPredicate fails) {
        this.held = held;
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
            if (!gate(run).await(Watch.BOUND.toNanos(), TimeUnit.NANOSECONDS)) {
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
        Made value = new Made(run);
        made.add(value);
        return value;
    }

    /** The gate run {@code run} waits at: open unless held and not yet released. */
    private synchronized CountDownLatch gate(int run) {
        return gates.computeIfAbsent(run, r -> new CountDownLatch(held && !releasedAll ? 1 : 0));
    }

    /** Lets every held run, now and later, go on. */
    synchronized void release() {
        releasedAll = true;
        gates.values().forEach(CountDownLatch::countDown);
    }

    /** Releases every run: the end of a test, passed or failed. */
    @Override
    public void close() {
        release();
    }

    /** Lets run {@code run} (1 is the first) go on, now or when it starts. */
    void release(int run) {
        gate(run).countDown();
    }

    /** The values the runs made, in the order they were made. */
    List<Made> made() {
        return List.copyOf(made);
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
