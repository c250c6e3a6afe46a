package labs.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one rule every lab follows for the threads it starts: when the call that started them
 * returns or throws, they have ended — and the wait for that is bounded, names what did not end,
 * and never hides the failure that was already on its way out.
 *
 * <p>Why one helper: the labs used to wait in five ways (for ever, one-day loops, ten seconds then
 * a throw from {@code finally} that replaced the real error, {@code ExecutorService.close()}…). A
 * lab that cannot stop its threads within {@link #END_WITHIN} has a bug worth a loud, precise error;
 * a lab whose stage already failed must report that stage, not the teardown.
 *
 * <p>Interruption: the waits here do not give up when the waiting thread is interrupted (a teardown
 * that returned early would leave threads running); they finish the bounded wait and then restore
 * the interrupt flag, so the caller still sees it.
 */
public final class Threads {

    /** How long a teardown waits for threads that were told to stop. Far more than any lab needs. */
    public static final Duration END_WITHIN = Duration.ofSeconds(10);

    private Threads() {
    }

    /** Threads that were told to end and did not, within the bound. */
    public static final class DidNotEndException extends IllegalStateException {
        private DidNotEndException(String message) {
            super(message);
        }
    }

    /**
     * Waits up to {@link #END_WITHIN} for every thread in {@code threads} to end.
     *
     * @param owner   who started them, for the message ({@code "lab07 thread pipeline"})
     * @param primary the failure already on its way out of the caller, or {@code null}: if threads
     *                are still alive, the timeout is added to it as suppressed instead of thrown
     * @throws DidNotEndException naming every thread still alive, when {@code primary} is null
     */
    public static void awaitEnd(String owner, Collection<Thread> threads, Throwable primary) {
        awaitEnd(owner, threads, END_WITHIN, primary);
    }

    /** {@link #awaitEnd(String, Collection, Throwable)} with an explicit bound. */
    public static void awaitEnd(String owner, Collection<Thread> threads, Duration bound, Throwable primary) {
        Objects.requireNonNull(owner, "owner");
        long deadline = System.nanoTime() + bound.toNanos();
        boolean interrupted = false;
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : List.copyOf(threads)) {
            while (true) {
                try {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 ? thread.isAlive() : !thread.join(Duration.ofNanos(left))) {
                        alive.add(thread);
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // finish the bounded wait, then restore the flag
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!alive.isEmpty()) {
            report(primary, new DidNotEndException(owner + ": " + alive.size() + " thread(s) still running "
                    + bound.toMillis() + " ms after being told to stop: " + describe(alive)));
        }
    }

    /**
     * Shuts {@code pool} down (queued tasks still run: {@code shutdown}, or none of them with
     * {@code now}) and waits up to {@link #END_WITHIN} for it to terminate.
     *
     * @param primary as in {@link #awaitEnd(String, Collection, Throwable)}
     */
    public static void shutdownAndAwait(String owner, ExecutorService pool, boolean now, Throwable primary) {
        shutdownAndAwait(owner, pool, now, END_WITHIN, primary);
    }

    /** {@link #shutdownAndAwait(String, ExecutorService, boolean, Throwable)} with an explicit bound. */
    public static void shutdownAndAwait(String owner, ExecutorService pool, boolean now, Duration bound, Throwable primary) {
        Objects.requireNonNull(owner, "owner");
        if (now) {
            pool.shutdownNow();
        } else {
            pool.shutdown();
        }
        long deadline = System.nanoTime() + bound.toNanos();
        boolean interrupted = false;
        boolean terminated = false;
        while (true) {
            try {
                terminated = pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!terminated) {
            pool.shutdownNow(); // interrupt what still runs; the report says it had to
            report(primary, new DidNotEndException(owner + ": its pool did not terminate within "
                    + bound.toMillis() + " ms of being shut down (now interrupted): " + pool));
        }
    }

    private static void report(Throwable primary, DidNotEndException timeout) {
        if (primary != null) {
            primary.addSuppressed(timeout); // the real failure stays the one the caller sees
            return;
        }
        throw timeout;
    }

    private static String describe(List<Thread> threads) {
        StringBuilder out = new StringBuilder();
        for (Thread thread : threads) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append('"').append(thread.getName()).append("\" ").append(thread.getState());
            StackTraceElement[] stack = thread.getStackTrace();
            if (stack.length > 0) {
                out.append(" at ").append(stack[0]);
            }
        }
        return out.toString();
    }
}
