package labs.level06_performance.lab15_bounded_pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import labs.support.Threads;

/**
 * One run of jobs through a {@link ThreadPoolExecutor} made for it: the caller is the producer
 * ({@code execute}, job after job), a {@link RejectedExecutionException} is a refusal, and the end is
 * the one rule of {@link Threads}. Shared by every executor variant of the lab — the reference
 * {@link ExecutorWorkers} and the broken {@link UnboundedQueueWorkers} and {@link DiscardingWorkers} —
 * so that what differs between them is only how their executor is built: its queue and its policy.
 */
final class ExecutorRun {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private ExecutorRun() {
    }

    /**
     * Runs {@code jobs} on the executor {@code build} makes from a thread factory; waits (as long as
     * the jobs take) for every job it accepted, then (bounded) for its threads to end.
     *
     * @param name  the variant's name, for thread names ({@code lab15-tpe-abort-3-1}) and messages
     * @param build makes the executor; its threads must come from the factory it is given
     */
    static Report run(String name, Function<ThreadFactory, ThreadPoolExecutor> build, List<Job> jobs) {
        BoundedWorkers.checkJobs(jobs);
        String owner = "lab15 '" + name + "' executor";
        ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        ThreadFactory named = Thread.ofPlatform().name("lab15-" + name + "-" + RUNS.incrementAndGet() + "-", 1).factory();
        ThreadPoolExecutor pool = build.apply(task -> {
            Thread thread = named.newThread(task);
            threads.add(thread);
            return thread;
        });
        ConcurrentLinkedQueue<Settled.Ran> ran = new ConcurrentLinkedQueue<>();
        List<Integer> refused = new ArrayList<>();
        // An Error a job throws is not its result: kept (later ones suppressed in it) and rethrown once the threads have ended.
        AtomicReference<Error> fatal = new AtomicReference<>();
        try {
            for (Job job : jobs) {
                try {
                    pool.execute(() -> {
                        try {
                            ran.add(Settled.Ran.run(job));
                        } catch (Error e) {
                            if (!fatal.compareAndSet(null, e)) {
                                fatal.get().addSuppressed(e);
                            }
                        }
                    });
                } catch (RejectedExecutionException full) {
                    refused.add(job.id()); // AbortPolicy: the pool is full; the job never ran
                }
            }
        } finally {
            // close(): no more jobs; waits for every accepted one (as long as they take; an interrupt
            // stops them and is re-asserted). Then the threads themselves, bounded: a pool reports
            // "terminated" a moment before its last thread has returned.
            pool.close();
            Threads.awaitEnd(owner, threads, fatal.get());
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        return new Report(new ArrayList<>(ran), refused);
    }
}
