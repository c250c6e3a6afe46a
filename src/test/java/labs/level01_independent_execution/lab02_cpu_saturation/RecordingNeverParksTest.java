package labs.level01_independent_execution.lab02_cpu_saturation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import labs.support.CpuWork;
import labs.support.Hint;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Regression test for the BlockHound flake of issue 9: the measurement recorded each task into an
 * auto-resizing HdrHistogram {@code Recorder} on the thread that ran it — {@code parallel()} and
 * {@code computation()} threads among them. A value beyond its range makes it resize under its
 * reader lock; two tasks resizing at once park one of them, and under BlockHound that park is an
 * error, then an {@code IllegalMonitorStateException} from the resize's {@code finally}.
 *
 * <p>The race is staged, not hoped for: the test thread plays the first of two recording tasks,
 * stopped in the middle of a resize — it holds every lock the recording structure has (found by
 * walking its fields) — while the lab's own measurement path records a task on a non-blocking
 * thread ({@code Schedulers.newParallel}, which BlockHound guards), with times far beyond any
 * histogram's starting range. With b20ac2a's {@code Recorder} that task must wait for the lock and
 * fails at once; with {@link TaskTimes} (slots written with a volatile store) it has no lock to
 * wait for.
 */
class RecordingNeverParksTest {

    private static final CpuWork TINY = CpuWork.ofRounds(1_000);

    @Test
    @Hint("Nothing that runs on parallel() or computation() may wait for a lock: record into slots the task owns, build the histograms afterwards.")
    void aTaskIsRecordedOnANonBlockingThreadWhileAnotherRecorderHoldsEveryLockOfTheRecording() throws Exception {
        AtomicLong clock = new AtomicLong();
        // Every read of this clock is five minutes after the last: a task that waited and ran for
        // minutes, beyond the starting range of an auto-resizing histogram.
        TaskTimes times = new TaskTimes(1, () -> clock.getAndAdd(TimeUnit.MINUTES.toNanos(5)));
        List<Lock> locks = locksReachableFrom(times);
        Scheduler nonBlocking = Schedulers.newParallel("lab02-recording", 1);
        try {
            AssertionError neverRecorded = null;
            Staged<Measurement> measuring;
            locks.forEach(Lock::lock);
            try {
                measuring = Staged.start("lab02-measuring",
                        () -> Measurement.take(new ReactorScheduling(1, nonBlocking), new Work.Cpu(TINY), times));
                try {
                    Watch.until("the task recorded, or the measurement ended", () -> times.hasEnded(0) || measuring.outcomeSoFar() != null);
                } catch (AssertionError e) {
                    neverRecorded = e; // it parked (BlockHound would have thrown): reported once the locks are free
                }
            } finally {
                locks.forEach(Lock::unlock);
            }
            Result<Measurement> outcome = measuring.join();
            assertThat(neverRecorded).as("the recording thread waited for a lock").isNull();
            assertThat(outcome.succeeded())
                    .as("measured while %d lock(s) of its recording were held elsewhere; it ended as %s%s", locks.size(), outcome, where(outcome))
                    .isTrue();
        } finally {
            nonBlocking.dispose();
        }
    }

    /** Where a failure was thrown: its first frames, so the report names the code that waited. */
    private static String where(Result<?> outcome) {
        return outcome.succeeded() ? "" : " at " + String.join(" <- ", java.util.Arrays.stream(outcome.error().getStackTrace())
                .limit(6).map(StackTraceElement::toString).toList());
    }

    /**
     * Every {@link Lock} reachable from {@code root} through the fields of the lab's and
     * HdrHistogram's classes (the JDK's own classes are not walked into; a lock found in a field is
     * taken as it is).
     */
    static List<Lock> locksReachableFrom(Object root) throws IllegalAccessException {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> next = new ArrayDeque<>(List.of(root));
        List<Lock> locks = new ArrayList<>();
        while (!next.isEmpty()) {
            Object object = next.pop();
            if (!seen.add(object)) {
                continue;
            }
            if (object instanceof Lock lock) {
                locks.add(lock);
                continue;
            }
            for (Class<?> type = object.getClass(); type != null && walked(type); type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        field.setAccessible(true);
                    } catch (InaccessibleObjectException e) {
                        continue;
                    }
                    Object value = field.get(object);
                    if (value != null) {
                        next.push(value);
                    }
                }
            }
        }
        return locks;
    }

    private static boolean walked(Class<?> type) {
        return type.getName().startsWith("labs.") || type.getName().startsWith("org.HdrHistogram.");
    }
}
