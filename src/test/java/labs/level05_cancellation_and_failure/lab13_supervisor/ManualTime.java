package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Test time for the imperative supervisor: a clock ({@link InstantSource}) and the single-threaded
 * {@link ScheduledExecutorService} that {@link ThreadSupervisor} takes for its supervisor thread.
 * Tasks handed over with {@code execute} run at once, in order, on the executor's one thread (made by
 * the run's factory, so the run joins it); tasks {@code schedule}d for later wait until the test
 * moves the clock to them with {@link #advanceToNext()}. So a test reads every delay the supervisor
 * asked for and sees every restart happen at its exact time, without sleeping — RxJava's
 * {@code TestScheduler} idea, for a thread-based supervisor.
 *
 * <p>Test code: it locks freely; it only ever runs on the test's and the supervisor's own platform
 * threads.
 */
final class ManualTime implements InstantSource {

    private final Object lock = new Object();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(); // guarded by lock
    private long nowNanos;                                              // guarded by lock
    private long sequence;                                              // guarded by lock

    @Override
    public Instant instant() {
        synchronized (lock) {
            return Instant.EPOCH.plusNanos(nowNanos);
        }
    }

    /** What {@code ThreadSupervisor} calls to make its supervisor thread's executor (pass {@code time::executor}). */
    ScheduledExecutorService executor(ThreadFactory factory) {
        return new Executor(factory);
    }

    /** How many scheduled tasks are waiting for the clock. */
    int pending() {
        synchronized (lock) {
            return timers.size();
        }
    }

    /** Moves the clock to the soonest scheduled task, hands the task to its executor, and returns how far the clock moved. */
    Duration advanceToNext() {
        Timer next;
        long moved;
        synchronized (lock) {
            next = timers.poll();
            if (next == null) {
                throw new AssertionError("nothing is scheduled: there is no next time to move to");
            }
            moved = Math.max(0, next.due - nowNanos);
            nowNanos += moved;
        }
        next.owner.execute(next.task);
        next.done = true;
        return Duration.ofNanos(moved);
    }

    /** A task waiting for the clock. */
    private final class Timer implements ScheduledFuture<Object> {
        final Executor owner;
        final Runnable task;
        final long due;
        final long order;
        volatile boolean done;
        volatile boolean cancelled;

        Timer(Executor owner, Runnable task, long due, long order) {
            this.owner = owner;
            this.task = task;
            this.due = due;
            this.order = order;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            synchronized (lock) {
                return unit.convert(due - nowNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int compareTo(Delayed other) {
            Timer that = (Timer) other;
            return due != that.due ? Long.compare(due, that.due) : Long.compare(order, that.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (lock) {
                cancelled = timers.remove(this);
                return cancelled;
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException("not used by ThreadSupervisor");
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by ThreadSupervisor");
        }
    }

    /** The supervisor's executor: one thread, tasks in order; timed tasks wait for the clock. */
    private final class Executor extends AbstractExecutorService implements ScheduledExecutorService {
        private final Runnable stop = () -> { };
        private final LinkedBlockingQueue<Runnable> ready = new LinkedBlockingQueue<>();
        private final Thread thread;
        private volatile boolean shutdown;
        private volatile boolean started;

        Executor(ThreadFactory factory) {
            this.thread = factory.newThread(this::loop);
        }

        private void loop() {
            try {
                while (true) {
                    Runnable task = ready.take();
                    if (task == stop) {
                        return;
                    }
                    task.run();
                }
            } catch (InterruptedException e) {
                // shutdownNow
            }
        }

        @Override
        public synchronized void execute(Runnable task) {
            if (shutdown) {
                throw new RejectedExecutionException("shut down");
            }
            ready.add(task);
            if (!started) {
                started = true;
                thread.start();
            }
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            if (shutdown) {
                throw new RejectedExecutionException("shut down");
            }
            synchronized (lock) {
                Timer timer = new Timer(this, task, nowNanos + unit.toNanos(delay), sequence++);
                timers.add(timer);
                return timer;
            }
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by ThreadSupervisor");
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by ThreadSupervisor");
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by ThreadSupervisor");
        }

        @Override
        public synchronized void shutdown() {
            shutdown = true;
            ready.add(stop);
        }

        @Override
        public synchronized List<Runnable> shutdownNow() {
            shutdown = true;
            List<Runnable> dropped = new ArrayList<>();
            ready.drainTo(dropped);
            synchronized (lock) {
                timers.removeIf(timer -> timer.owner == this && dropped.add(timer.task));
            }
            ready.add(stop);
            thread.interrupt();
            return dropped;
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown && (!started || !thread.isAlive());
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            if (started) {
                thread.join(Duration.ofNanos(unit.toNanos(timeout)));
            }
            return isTerminated();
        }
    }
}
