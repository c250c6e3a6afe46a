package labs.level03_message_passing.lab07_pipeline;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import labs.support.Threads;
import reactor.core.scheduler.NonBlocking;

/**
 * The threads one run of a pipeline starts, kept so that the run can end them: every
 * implementation makes its threads here (through the schedulers' or executors' thread factory),
 * and {@link #endRun} waits for all of them — bounded, by {@link Threads#awaitEnd} — before the
 * run's outcome leaves {@code process}.
 *
 * <p>Kept in a lock-free queue: a thread factory may be called on a stage thread (an executor
 * replacing a worker), where taking a lock is not allowed.
 */
final class StageThreads {

    private final String run;
    private final Kind kind;
    private final Queue<Thread> made = new ConcurrentLinkedQueue<>();

    /** What the threads are. */
    enum Kind {
        /** Daemon platform threads marked {@link NonBlocking}, as Reactor's own schedulers make them: BlockHound rejects a blocking call there. */
        NON_BLOCKING,
        /** Daemon platform threads that may block. */
        PLATFORM,
        /** Virtual threads. */
        VIRTUAL
    }

    /** {@code run} names the run's threads ({@code lab07-reactor-3}) and the report of any that did not end. */
    StageThreads(String run, Kind kind) {
        this.run = run;
        this.kind = kind;
    }

    /** Makes the threads of one stage (or of the source, or the sink): {@code run-name}. */
    ThreadFactory named(String name) {
        String threadName = run + "-" + name;
        return task -> {
            Thread thread = switch (kind) {
                case NON_BLOCKING -> new NonBlockingThread(task, threadName);
                case PLATFORM -> Thread.ofPlatform().name(threadName).daemon(true).unstarted(task);
                case VIRTUAL -> Thread.ofVirtual().name(threadName).unstarted(task);
            };
            made.add(thread);
            return thread;
        };
    }

    /**
     * Ends the run: waits up to {@code bound} for every thread made here to end (each has been told
     * to stop already), then rethrows the failure that ended the run, as it is — a thread still
     * running is added to it, never put in its place. With no failure, a thread still running is
     * reported as a {@link Threads.DidNotEndException}.
     *
     * @param failure read before the wait (the report of a thread that did not end is added to it)
     *                and again after it: a thread may fail while it ends (an {@link Error} is never
     *                dropped)
     */
    void endRun(Duration bound, Supplier<Throwable> failure) {
        Threads.awaitEnd(run, made, bound, failure.get());
        switch (failure.get()) {
            case null -> {
            }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case Throwable other -> throw new IllegalStateException(run + " failed: " + other, other);
        }
    }

    /** A thread as Reactor's {@code newSingle} would make it: a daemon that BlockHound watches. */
    private static final class NonBlockingThread extends Thread implements NonBlocking {
        NonBlockingThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }
}
