package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job's resource as the reactive implementations hold it: released exactly once, and never while
 * a step is still using it — even a step the subscription has already let go of.
 *
 * <p>Why it is needed: cancelling a subscription does not stop a callable that is already running.
 * {@code dispose()} returns at once; the running step is interrupted if its scheduler interrupts
 * (and keeps running if it ignores the interrupt, or if the scheduler does not), while
 * {@code usingWhen}/{@code using} run their cancel cleanup right away, on the cancelling thread. A
 * plain resource would be released under the step's feet (see {@code ReleaseUnderARunningStepTest}).
 * So the acquire and every step run as <em>users</em> ({@link #acquire}, {@link #use}); a
 * {@link #release()} that finds a user inside only records the request, and whoever waits for the
 * job ({@link #awaitReleased}) releases once the last user has left.
 *
 * <p>Why the waiter releases, not the last user: the last user is a scheduler thread whose task was
 * just cancelled, and a scheduler may deliver its interrupt late (when a task is disposed before its
 * future is known); a release running there could be cut short. The waiter's thread is the caller's.
 * On completion and on failure no step is inside, so the cleanup's own {@code release()} releases
 * at once, on the thread that delivered the last signal.
 *
 * <p>State, one {@code int}: bit 0 = release requested, bit 1 = released, then 4 per user inside.
 * Proven by {@code HeldResourceLincheckTest}: one release, never with a user inside, no use after it.
 */
public final class HeldResource implements Resource {

    private static final int REQUESTED = 1;
    private static final int RELEASED = 2;
    private static final int USER = 4;

    private final AtomicInteger state = new AtomicInteger();
    private final AtomicBoolean releasing = new AtomicBoolean();
    private final CountDownLatch idle = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    /** Written by the acquire, inside; read by steps, inside, and by the release, after the last user. */
    private volatile Resource resource;

    /**
     * Acquires the job's resource as a user, so a release requested meanwhile waits for it; does
     * nothing if the release was requested before. Returns this holder, which stands for the resource.
     */
    public HeldResource acquire(Callable<? extends Resource> acquire) throws Exception {
        Objects.requireNonNull(acquire, "acquire");
        if (!enter()) {
            return this;
        }
        try {
            resource = Objects.requireNonNull(acquire.call(), "the job's acquire returned null");
        } finally {
            exit();
        }
        return this;
    }

    /** Runs {@code step} with the resource, as a user; returns null without running it once the release was requested. */
    public Long use(Step step, int index) throws Exception {
        if (!enter()) {
            return null;
        }
        try {
            return step.run(resource, index);
        } finally {
            exit();
        }
    }

    /**
     * Requests the release: performed now, on this thread, if no user is inside; otherwise left to
     * {@link #awaitReleased}. Idempotent; never waits.
     */
    @Override
    public void release() {
        int s;
        do {
            s = state.get();
            if ((s & REQUESTED) != 0) {
                return;
            }
        } while (!state.compareAndSet(s, s | REQUESTED));
        if (s < USER) {
            idle.countDown();
            releaseNow();
        }
    }

    /**
     * Requests the release if nobody has, waits (bounded) for the last user to leave, performs the
     * release if nobody has, and waits for it to be done.
     *
     * @return false if a user was still inside after {@code bound}: a step that ignores cancellation
     */
    public boolean awaitReleased(Duration bound) throws InterruptedException {
        release();
        if (!idle.await(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        releaseNow();
        return released.await(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the release has run (or found nothing to release). */
    public boolean isReleased() {
        return (state.get() & RELEASED) != 0;
    }

    private boolean enter() {
        int s;
        do {
            s = state.get();
            if ((s & REQUESTED) != 0) {
                return false;
            }
        } while (!state.compareAndSet(s, s + USER));
        return true;
    }

    private void exit() {
        int s = state.addAndGet(-USER);
        if (s < USER && (s & REQUESTED) != 0) {
            idle.countDown(); // the last user is out after a request: the waiter may release now
        }
    }

    /** Once, after the last user: the job's own release, without an interrupt pending on this thread. */
    private void releaseNow() {
        if (!releasing.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            Resource held = resource;
            if (held != null) {
                held.release();
            }
        } finally {
            state.getAndUpdate(s -> s | RELEASED);
            released.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
