package labs.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JVM's answer to Go's {@code goleak.VerifyNone(t)}: after each test (and after each test
 * class), every thread started during it and still alive after a short grace period fails the
 * test, named with its stack — and so does every task it scheduled on a Reactor or RxJava
 * scheduler that is still pending (a {@code Flux.interval(…).subscribe()} never disposed), named
 * with where it was scheduled.
 *
 * <p>It costs no line in a test: it is registered for every test by JUnit's extension
 * auto-detection ({@code META-INF/services/org.junit.jupiter.api.extension.Extension} and
 * {@code junit-platform.properties}). A test opts out only with {@link AllowThreadLeak} and a reason.
 *
 * <p>What counts as a leak:
 * <ul>
 *   <li>a platform or virtual thread that was not alive when the test began and is alive after it
 *       (virtual threads are listed from a thread dump: {@link VirtualThreads});</li>
 *   <li>a task scheduled during the test on any Reactor scheduler or on RxJava's shared ones, not
 *       yet run nor cancelled, whose scheduler is still alive ({@link ScheduledTasks}).</li>
 * </ul>
 * What does not: threads of the JVM-wide shared schedulers (Reactor's {@code parallel()},
 * {@code single()}, {@code boundedElastic()}; RxJava's {@code computation()}, {@code io()},
 * {@code single()}; the common fork-join pool and virtual-thread carriers) — like Go's runtime
 * goroutines, they belong to the process, not to a test; their <em>tasks</em> are checked instead.
 * A scheduler a test creates itself ({@code Schedulers.newParallel}, {@code Executors.new…}) is not
 * on that list: the test must dispose of it. So don't name your own scheduler's threads like a
 * shared one's.
 *
 * <p>The grace period (1 s; configuration parameter {@code labs.leakcheck.grace}) lets a pool that
 * was shut down finish unwinding its threads and a task that is finishing finish: each new thread is
 * joined with a bounded wait, tasks are polled, nothing is slept on.
 */
public final class ThreadLeakCheck implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** How long a thread may take to end after its test, unless {@code labs.leakcheck.grace} says otherwise. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);
    static final String GRACE_PARAMETER = "labs.leakcheck.grace";

    /** Name prefixes of threads owned by the process-wide shared schedulers (see class comment). */
    private static final List<String> SHARED_RUNTIME_PREFIXES = List.of(
            // Reactor's global schedulers (Schedulers.parallel(), single(), boundedElastic())
            "parallel-", "single-", "boundedElastic-",
            // RxJava 3's global schedulers
            "RxComputationThreadPool-", "RxCachedThreadScheduler-", "RxCachedWorkerPoolEvictor-",
            "RxSingleScheduler-", "RxSchedulerPurge-",
            // The JDK (Java2D Disposer: started by AWT's first text layout, e.g. a chart) and JUnit
            "ForkJoinPool.commonPool-worker-", "VirtualThread-", "Common-Cleaner", "Java2D Disposer", "Attach Listener",
            "process reaper", "junit-jupiter-timeout-watcher", "junit-timeout-thread-");

    /**
     * The pool behind virtual threads ("ForkJoinPool-1" as a rule): on JDK 25 it starts a
     * "…-delayScheduler" thread for timed waits, which lives as long as the JVM. Its name is read
     * once from a virtual thread's own description ({@code VirtualThread[#22]/runnable@ForkJoinPool-1-worker-1}).
     */
    private static final String VIRTUAL_THREAD_POOL = VirtualThreads.schedulerPoolName();

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ThreadLeakCheck.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        snapshot(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        snapshot(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        verifyNoLeak(context, "test");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        verifyNoLeak(context, "test class (its @BeforeAll/@AfterAll or a shared fixture)");
    }

    /** What was alive (and how far the task count was) when a test or class began. */
    private record Snapshot(Set<Long> platform, Set<String> virtual, long tasksFrom) {
    }

    /** What a test with {@link AllowThreadLeak} left behind, so its class's check does not report it again. */
    private record Allowed(Set<Long> platform, Set<String> virtual, Set<Long> tasks) {
        static Allowed empty() {
            return new Allowed(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
        }
    }

    private static void snapshot(ExtensionContext context) {
        ScheduledTasks.install();
        Set<Long> platform = Thread.getAllStackTraces().keySet().stream().map(Thread::threadId).collect(Collectors.toSet());
        Set<String> virtual = VirtualThreads.alive().stream().map(VirtualThreads.Seen::tid).collect(Collectors.toSet());
        context.getStore(NAMESPACE).put("before", new Snapshot(platform, virtual, ScheduledTasks.mark()));
    }

    private static void verifyNoLeak(ExtensionContext context, String scope) {
        Snapshot before = context.getStore(NAMESPACE).get("before", Snapshot.class);
        Allowed allowed = allowedByTests(context);
        if (allowance(context).isPresent()) {
            // Remember what this test was allowed to leave, so neither its class's check nor a later
            // test reports it: the later tests' own snapshots hold it too.
            context.getParent().ifPresent(parent -> {
                Allowed forClass = allowedByTests(parent);
                forClass.platform().addAll(startedSince(before.platform()));
                VirtualThreads.alive().stream().map(VirtualThreads.Seen::tid)
                        .filter(tid -> !before.virtual().contains(tid)).forEach(forClass.virtual()::add);
                ScheduledTasks.pendingAfter(before.tasksFrom(), Set.of(), 0).forEach(t -> forClass.tasks().add(t.seq()));
            });
            return;
        }
        Duration grace = grace(context);
        long deadline = System.nanoTime() + grace.toNanos();

        List<Thread> leakedPlatform = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (before.platform().contains(thread.threadId()) || allowed.platform().contains(thread.threadId())
                    || isSharedRuntime(thread) || thread == Thread.currentThread()) {
                continue;
            }
            if (!endsBefore(thread, deadline)) {
                leakedPlatform.add(thread);
            }
        }
        List<VirtualThreads.Seen> leakedVirtual = virtualThreadsAliveAfter(deadline, before.virtual(), allowed.virtual());
        List<ScheduledTasks.Tracked> pendingTasks = ScheduledTasks.pendingAfter(before.tasksFrom(), allowed.tasks(), deadline);

        if (!leakedPlatform.isEmpty() || !leakedVirtual.isEmpty() || !pendingTasks.isEmpty()) {
            // Reported once: the class-level check and later tests must not blame themselves for these.
            context.getParent().ifPresent(parent -> {
                Allowed reported = allowedByTests(parent);
                leakedPlatform.forEach(t -> reported.platform().add(t.threadId()));
                leakedVirtual.forEach(v -> reported.virtual().add(v.tid()));
                pendingTasks.forEach(t -> reported.tasks().add(t.seq()));
            });
            throw new AssertionError(report(scope, grace, leakedPlatform, leakedVirtual, pendingTasks));
        }
    }

    private static Allowed allowedByTests(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("allowed", key -> Allowed.empty(), Allowed.class);
    }

    private static Set<Long> startedSince(Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::threadId)
                .filter(id -> !before.contains(id)).collect(Collectors.toSet());
    }

    private static Optional<String> allowance(ExtensionContext context) {
        Optional<AllowThreadLeak> annotation = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, AllowThreadLeak.class));
        if (annotation.isPresent() && annotation.get().value().isBlank()) {
            throw new AssertionError("@AllowThreadLeak needs a reason: say why this test may leave threads running");
        }
        return annotation.map(AllowThreadLeak::value);
    }

    static boolean isSharedRuntime(Thread thread) {
        String name = thread.getName();
        // Virtual-thread carriers live in the JDK's own fork-join pool; only their class tells them apart.
        return thread.getClass().getName().equals("jdk.internal.misc.CarrierThread")
                || (VIRTUAL_THREAD_POOL != null && name.startsWith(VIRTUAL_THREAD_POOL + "-"))
                || SHARED_RUNTIME_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static boolean endsBefore(Thread thread, long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        try {
            return remaining > 0 ? thread.join(Duration.ofNanos(remaining)) : !thread.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }

    /** Polls the dump until no virtual thread started during the scope is left, or the grace period is over. */
    private static List<VirtualThreads.Seen> virtualThreadsAliveAfter(long deadlineNanos, Set<String> before, Set<String> allowed) {
        List<VirtualThreads.Seen> alive = startedDuring(before, allowed);
        while (!alive.isEmpty() && System.nanoTime() < deadlineNanos) {
            Thread.onSpinWait();
            Thread.yield();
            alive = startedDuring(before, allowed);
        }
        return alive;
    }

    private static List<VirtualThreads.Seen> startedDuring(Set<String> before, Set<String> allowed) {
        return VirtualThreads.alive().stream().filter(v -> !before.contains(v.tid()) && !allowed.contains(v.tid())).toList();
    }

    /** A JUnit configuration parameter (junit-platform.properties or -D), in ISO-8601 or "250ms"/"2s" form. */
    private static Duration grace(ExtensionContext context) {
        return context.getConfigurationParameter(GRACE_PARAMETER, value -> {
            String v = value.trim().toLowerCase();
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            return Duration.parse(value.trim());
        }).orElse(DEFAULT_GRACE);
    }

    private static String report(String scope, Duration grace, List<Thread> platform, List<VirtualThreads.Seen> virtual,
            List<ScheduledTasks.Tracked> tasks) {
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        StringBuilder out = new StringBuilder();
        if (!platform.isEmpty() || !virtual.isEmpty()) {
            out.append("Thread leak: ").append(platform.size() + virtual.size())
                    .append(" thread(s) started during this ").append(scope)
                    .append(" still alive ").append(grace.toMillis()).append(" ms after it ended.")
                    .append(" Shut down every executor and dispose every scheduler the test creates,")
                    .append(" or mark the test @AllowThreadLeak(\"why\").");
        }
        for (Thread thread : platform) {
            out.append("\n  thread \"").append(thread.getName()).append("\" ").append(thread.getState())
                    .append(thread.isDaemon() ? " (daemon)" : "");
            Arrays.stream(stacks.getOrDefault(thread, thread.getStackTrace())).limit(12)
                    .forEach(frame -> out.append("\n        at ").append(frame));
        }
        virtual.forEach(v -> out.append("\n  ").append(v.describe()));
        if (!tasks.isEmpty()) {
            if (!out.isEmpty()) {
                out.append("\n");
            }
            out.append("Task leak: ").append(tasks.size()).append(" task(s) scheduled during this ").append(scope)
                    .append(" still pending ").append(grace.toMillis()).append(" ms after it ended.")
                    .append(" Dispose every subscription to an endless or timed source (the Disposable that")
                    .append(" subscribe() returns), or mark the test @AllowThreadLeak(\"why\").");
            tasks.stream().limit(10).forEach(t -> out.append("\n  ").append(t.describe()));
            if (tasks.size() > 10) {
                out.append("\n  … and ").append(tasks.size() - 10).append(" more");
            }
        }
        return out.toString();
    }
}
