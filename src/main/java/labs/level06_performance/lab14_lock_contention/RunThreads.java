package labs.level06_performance.lab14_lock_contention;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import labs.support.Threads;
import reactor.core.scheduler.NonBlocking;

/**
 * The threads one run starts, kept so that the run can end them: every writer, lane and hand-off
 * thread of lab14 is made here (directly, or through a scheduler's or executor's thread factory),
 * and {@link #end} waits — bounded, by {@link Threads#awaitEnd} — for all of them before the run's
 * result (or its failure) leaves the call.
 *
 * <p>Named {@code lab14-…}: the experiment's JFR profile keeps only the events of such threads.
 * Kept in a lock-free queue: an executor may call its factory on one of its own threads.
 */
final class RunThreads {

    /** The prefix of every thread lab14 starts (the JFR profile filters on it). */
    static final String PREFIX = "lab14-";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final String run;
    private final boolean nonBlocking;
    private final Queue<Thread> made = new ConcurrentLinkedQueue<>();

    private RunThreads(String what, boolean nonBlocking) {
        this.run = PREFIX + what + "-" + RUNS.incrementAndGet();
        this.nonBlocking = nonBlocking;
    }

    /** Daemon platform threads that may block (an executor's, a writer thread). */
    static RunThreads platform(String what) {
        return new RunThreads(what, false);
    }

    /**
     * Daemon threads marked {@link NonBlocking}, as Reactor's own schedulers make them: BlockHound
     * rejects a blocking call there, so a lane that parked would fail every test.
     */
    static RunThreads nonBlocking(String what) {
        return new RunThreads(what, true);
    }

    /** The run's name, {@code lab14-reactor-lane-3}: its threads' prefix. */
    String run() {
        return run;
    }

    /** Makes threads named {@code run-role-N}. */
    ThreadFactory named(String role) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            String name = run + "-" + role + "-" + next.incrementAndGet();
            Thread thread = nonBlocking ? new NonBlockingThread(task, name) : Thread.ofPlatform().name(name).daemon(true).unstarted(task);
            made.add(thread);
            return thread;
        };
    }

    /**
     * Waits up to {@link Threads#END_WITHIN} for every thread made here to end (each has been told
     * to stop already), then throws the run's failure if there is one: a {@code RuntimeException}
     * or an {@code Error} as it is, anything else wrapped. A thread still running is added to the
     * failure, never put in its place; with no failure it is thrown.
     *
     * @param failure read before the wait (a thread that did not end is added to it) and again
     *                after it: a thread may fail while it ends, and an {@code Error} is never dropped
     */
    void end(Supplier<Throwable> failure) {
        Threads.awaitEnd(run, made, failure.get());
        switch (failure.get()) {
            case null -> {
            }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case Throwable other -> throw new IllegalStateException(run + " failed: " + other, other);
        }
    }

    /** A thread as Reactor's {@code newParallel} would make it: a daemon that BlockHound watches. */
    private static final class NonBlockingThread extends Thread implements NonBlocking {
        NonBlockingThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }
}
