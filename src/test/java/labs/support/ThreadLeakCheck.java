package labs.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JVM's answer to Go's {@code goleak.VerifyNone(t)}: after each test (and after each test
 * class), every thread that was started during it and is still alive after a short grace period
 * fails the test, named with its stack.
 *
 * <p>It costs no line in a test: it is registered for every test by JUnit's extension
 * auto-detection ({@code META-INF/services/org.junit.jupiter.api.extension.Extension} and
 * {@code junit-platform.properties}). A test opts out only with {@link AllowThreadLeak} and a reason.
 *
 * <p>What counts as a leak: a platform thread that was not alive when the test began, or any
 * virtual thread still alive when it ended. What does not: threads of the JVM-wide shared
 * schedulers (Reactor's global {@code Schedulers.parallel()}, {@code single()},
 * {@code boundedElastic()}; RxJava's {@code computation()}, {@code io()}, {@code single()}; the
 * common fork-join pool and virtual-thread carriers) — like Go's runtime goroutines, they belong to
 * the process, not to a test. A scheduler a test creates itself ({@code Schedulers.newParallel},
 * {@code Executors.new…}) is not on that list: the test must dispose of it. So don't name your own
 * scheduler's threads like a shared one's.
 *
 * <p>The grace period (1 s; configuration parameter {@code labs.leakcheck.grace}) lets a pool that
 * was shut down finish unwinding its threads: each new thread is joined with a bounded wait, never
 * slept on.
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
            // The JDK and JUnit
            "ForkJoinPool.commonPool-worker-", "VirtualThread-", "Common-Cleaner", "Attach Listener",
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

    private static void snapshot(ExtensionContext context) {
        Set<Long> before = Thread.getAllStackTraces().keySet().stream().map(Thread::threadId).collect(Collectors.toSet());
        context.getStore(NAMESPACE).put("before", before);
    }

    @SuppressWarnings("unchecked")
    private static void verifyNoLeak(ExtensionContext context, String scope) {
        Set<Long> snapshot = (Set<Long>) context.getStore(NAMESPACE).get("before", Set.class);
        if (allowance(context).isPresent()) {
            // Remember what this test was allowed to leave, so the class-level check does not report it again.
            context.getParent().ifPresent(parent -> allowedByTests(parent).addAll(startedSince(snapshot)));
            return;
        }
        Set<Long> before = new java.util.HashSet<>(snapshot);
        before.addAll(allowedByTests(context));
        Duration grace = grace(context);
        long deadline = System.nanoTime() + grace.toNanos();

        List<Thread> leakedPlatform = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (before.contains(thread.threadId()) || isSharedRuntime(thread) || thread == Thread.currentThread()) {
                continue;
            }
            if (!endsBefore(thread, deadline)) {
                leakedPlatform.add(thread);
            }
        }
        List<VirtualThreads.Seen> leakedVirtual = virtualThreadsAliveAfter(deadline);

        if (!leakedPlatform.isEmpty() || !leakedVirtual.isEmpty()) {
            throw new AssertionError(report(scope, grace, leakedPlatform, leakedVirtual));
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Long> allowedByTests(ExtensionContext classContext) {
        return (Set<Long>) classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent("allowed", key -> java.util.concurrent.ConcurrentHashMap.newKeySet(), Set.class);
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

    /** Polls the dump until no virtual thread is left or the grace period is over. */
    private static List<VirtualThreads.Seen> virtualThreadsAliveAfter(long deadlineNanos) {
        List<VirtualThreads.Seen> alive = VirtualThreads.alive();
        while (!alive.isEmpty() && System.nanoTime() < deadlineNanos) {
            Thread.onSpinWait();
            Thread.yield();
            alive = VirtualThreads.alive();
        }
        return alive;
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

    private static String report(String scope, Duration grace, List<Thread> platform, List<VirtualThreads.Seen> virtual) {
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        StringBuilder out = new StringBuilder()
                .append("Thread leak: ").append(platform.size() + virtual.size())
                .append(" thread(s) started during this ").append(scope)
                .append(" still alive ").append(grace.toMillis()).append(" ms after it ended.")
                .append(" Shut down every executor and dispose every scheduler the test creates,")
                .append(" or mark the test @AllowThreadLeak(\"why\").");
        for (Thread thread : platform) {
            out.append("\n  thread \"").append(thread.getName()).append("\" ").append(thread.getState())
                    .append(thread.isDaemon() ? " (daemon)" : "");
            Arrays.stream(stacks.getOrDefault(thread, thread.getStackTrace())).limit(12)
                    .forEach(frame -> out.append("\n        at ").append(frame));
        }
        virtual.forEach(v -> out.append("\n  ").append(v.describe()));
        return out.toString();
    }
}
