package labs.support;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Scheduler.Worker;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.internal.schedulers.SchedulerMultiWorkerSupport;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import reactor.core.scheduler.Schedulers;

/**
 * Every task scheduled on a Reactor or RxJava scheduler, with where it was scheduled from, so the
 * leak check can fail a test that left one pending: a {@code Flux.interval(…).subscribe()} never
 * disposed, a timer nobody cancels. The shared schedulers' threads belong to the process (like Go's
 * runtime goroutines), so the thread check cannot see such a leak; their tasks can.
 *
 * <p>How: Reactor lets us decorate the executor behind each of its schedulers
 * ({@link Schedulers#addExecutorServiceDecorator}): every task it submits comes back as a
 * {@link Future}, which is done once the task ran or was cancelled — and never, for a periodic task
 * nobody cancelled. RxJava lets us wrap its shared schedulers ({@code RxJavaPlugins.set…SchedulerHandler}):
 * every task comes back as a {@link Disposable}, disposed once it ran or was disposed. A task is
 * pending while its handle says neither, and its scheduler is still alive (a scheduler a test
 * disposed has dropped its tasks; the thread check covers a scheduler the test forgot).
 *
 * <p>Recording never parks: a lock-free queue and a bounded stack walk, so it is safe on the
 * non-blocking threads it runs on (BlockHound watches them). Virtual-time schedulers are not
 * tracked: their tasks never run on their own.
 */
final class ScheduledTasks {

    /** One scheduled task. */
    record Tracked(long seq, String kind, String scheduler, String thread, String where, BooleanSupplier over) {
        String describe() {
            return kind + " on " + scheduler + ", scheduled from thread \"" + thread + "\" at " + where;
        }
    }

    private static final String KEY = "labs-leak-check";
    private static final AtomicLong SEQ = new AtomicLong();
    private static final ConcurrentLinkedQueue<Tracked> TRACKED = new ConcurrentLinkedQueue<>();

    // Kept, so a test that replaces them can be caught (GlobalClockCheck); declared before the static block that installs them.
    private static final Function<Scheduler, Scheduler> COMPUTATION = s -> new TrackingRxScheduler(s, "RxJava computation()");
    private static final Function<Scheduler, Scheduler> IO = s -> new TrackingRxScheduler(s, "RxJava io()");
    private static final Function<Scheduler, Scheduler> SINGLE = s -> new TrackingRxScheduler(s, "RxJava single()");
    private static final Function<Scheduler, Scheduler> NEW_THREAD = s -> new TrackingRxScheduler(s, "RxJava newThread()");

    static {
        Schedulers.addExecutorServiceDecorator(KEY, (owner, executor) -> new TrackingExecutor(owner, executor));
        // A shared scheduler created before the decorator (by whatever ran first) would go untracked:
        // drop the cached ones, so each is created afresh, decorated, on its next use.
        Schedulers.shutdownNow();
        reinstallRxJavaHandlers();
    }

    /** Installs the tracking handlers on RxJava's shared schedulers (again, after a test replaced them). */
    static void reinstallRxJavaHandlers() {
        RxJavaPlugins.setComputationSchedulerHandler(COMPUTATION);
        RxJavaPlugins.setIoSchedulerHandler(IO);
        RxJavaPlugins.setSingleSchedulerHandler(SINGLE);
        RxJavaPlugins.setNewThreadSchedulerHandler(NEW_THREAD);
    }

    /** Whether something other than this class now decides RxJava's shared schedulers: tracking would be off. */
    static boolean rxJavaHandlersReplaced() {
        return RxJavaPlugins.getComputationSchedulerHandler() != COMPUTATION || RxJavaPlugins.getIoSchedulerHandler() != IO
                || RxJavaPlugins.getSingleSchedulerHandler() != SINGLE || RxJavaPlugins.getNewThreadSchedulerHandler() != NEW_THREAD;
    }

    private ScheduledTasks() {
    }

    /** Makes sure the hooks are installed (class initialization does it, once). */
    static void install() {
        // the static initializer above
    }

    /** The sequence number the next scheduled task will get: a test's tasks are those at or after its start. */
    static long mark() {
        return SEQ.get();
    }

    /**
     * Tasks scheduled at or after {@code since}, not in {@code excluded}, still pending at
     * {@code deadlineNanos} (the check polls until then, so a task finishing right now is not a leak).
     */
    static List<Tracked> pendingAfter(long since, Collection<Long> excluded, long deadlineNanos) {
        List<Tracked> pending = pending(since, excluded);
        while (!pending.isEmpty() && System.nanoTime() < deadlineNanos) {
            Thread.onSpinWait();
            Thread.yield();
            pending = pending(since, excluded);
        }
        return pending;
    }

    private static List<Tracked> pending(long since, Collection<Long> excluded) {
        List<Tracked> pending = new ArrayList<>();
        for (Tracked t : TRACKED) {
            if (t.over().getAsBoolean()) {
                TRACKED.remove(t); // done: nothing to remember
            } else if (t.seq() >= since && !excluded.contains(t.seq())) {
                pending.add(t);
            }
        }
        return pending;
    }

    private static void track(String kind, String scheduler, Object task, BooleanSupplier over) {
        TRACKED.add(new Tracked(SEQ.getAndIncrement(), kind, scheduler, Thread.currentThread().getName(), where(task), over));
    }

    /** The first frames of the project's own code on the scheduling thread's stack, or the task's class. */
    private static String where(Object task) {
        List<String> frames = StackWalker.getInstance().walk(stack -> stack
                .filter(f -> f.getClassName().startsWith("labs.") && !f.getClassName().startsWith(ScheduledTasks.class.getName()))
                .limit(3)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .map(StackTraceElement::toString)
                .toList());
        return frames.isEmpty() ? "(no project frame; task " + task.getClass().getName() + ")" : String.join(" <- ", frames);
    }

    /** Reactor: every executor behind a scheduler, decorated to hand back its futures. */
    private static final class TrackingExecutor implements ScheduledExecutorService {
        private final reactor.core.scheduler.Scheduler owner;
        private final ScheduledExecutorService actual;
        private final String name;

        TrackingExecutor(reactor.core.scheduler.Scheduler owner, ScheduledExecutorService actual) {
            this.owner = owner;
            this.actual = actual;
            this.name = "Reactor " + owner;
        }

        private <F extends Future<?>> F track(String kind, Object task, F future) {
            ScheduledTasks.track(kind, name, task, () -> future.isDone() || owner.isDisposed());
            return future;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return track("delayed task", command, actual.schedule(command, delay, unit));
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return track("delayed task", callable, actual.schedule(callable, delay, unit));
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return track("periodic task", command, actual.scheduleAtFixedRate(command, initialDelay, period, unit));
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            return track("periodic task", command, actual.scheduleWithFixedDelay(command, initialDelay, delay, unit));
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            return track("task", task, actual.submit(task));
        }

        @Override
        public <T> Future<T> submit(Runnable task, T result) {
            return track("task", task, actual.submit(task, result));
        }

        @Override
        public Future<?> submit(Runnable task) {
            return track("task", task, actual.submit(task));
        }

        @Override
        public void execute(Runnable command) {
            actual.execute(command);
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
            return actual.invokeAll(tasks);
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) throws InterruptedException {
            return actual.invokeAll(tasks, timeout, unit);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
            return actual.invokeAny(tasks);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            return actual.invokeAny(tasks, timeout, unit);
        }

        @Override
        public void shutdown() {
            actual.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return actual.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return actual.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return actual.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return actual.awaitTermination(timeout, unit);
        }

        @Override
        public String toString() {
            return actual.toString();
        }
    }

    /** RxJava: a shared scheduler, wrapped to hand back its disposables; it behaves as the one it wraps. */
    private static final class TrackingRxScheduler extends io.reactivex.rxjava3.core.Scheduler implements SchedulerMultiWorkerSupport {
        private final io.reactivex.rxjava3.core.Scheduler actual;
        private final String name;

        TrackingRxScheduler(io.reactivex.rxjava3.core.Scheduler actual, String name) {
            this.actual = actual;
            this.name = name;
        }

        static Disposable track(String kind, String name, Runnable task, Disposable handle) {
            ScheduledTasks.track(kind, name, task, handle::isDisposed);
            return handle;
        }

        @Override
        public Worker createWorker() {
            return new TrackingWorker(actual.createWorker(), name);
        }

        @Override
        public void createWorkers(int number, WorkerCallback callback) {
            if (actual instanceof SchedulerMultiWorkerSupport multi) {
                multi.createWorkers(number, (index, worker) -> callback.onWorker(index, new TrackingWorker(worker, name)));
            } else {
                for (int i = 0; i < number; i++) {
                    callback.onWorker(i, createWorker());
                }
            }
        }

        @Override
        public Disposable scheduleDirect(Runnable run, long delay, TimeUnit unit) {
            return track(delay > 0 ? "delayed task" : "task", name, run, actual.scheduleDirect(run, delay, unit));
        }

        @Override
        public Disposable schedulePeriodicallyDirect(Runnable run, long initialDelay, long period, TimeUnit unit) {
            return track("periodic task", name, run, actual.schedulePeriodicallyDirect(run, initialDelay, period, unit));
        }

        @Override
        public long now(TimeUnit unit) {
            return actual.now(unit);
        }

        @Override
        public void start() {
            actual.start();
        }

        @Override
        public void shutdown() {
            actual.shutdown();
        }
    }

    private static final class TrackingWorker extends Worker {
        private final Worker actual;
        private final String name;

        TrackingWorker(Worker actual, String name) {
            this.actual = actual;
            this.name = name;
        }

        @Override
        public Disposable schedule(Runnable run, long delay, TimeUnit unit) {
            return TrackingRxScheduler.track(delay > 0 ? "delayed task" : "task", name, run, actual.schedule(run, delay, unit));
        }

        @Override
        public Disposable schedulePeriodically(Runnable run, long initialDelay, long period, TimeUnit unit) {
            return TrackingRxScheduler.track("periodic task", name, run, actual.schedulePeriodically(run, initialDelay, period, unit));
        }

        @Override
        public long now(TimeUnit unit) {
            return actual.now(unit);
        }

        @Override
        public void dispose() {
            actual.dispose();
        }

        @Override
        public boolean isDisposed() {
            return actual.isDisposed();
        }
    }
}
