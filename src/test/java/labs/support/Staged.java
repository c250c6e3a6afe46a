package labs.support;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread a test starts to stage one side of a race (a producer that must park, a consumer that
 * must be woken), and how it ended: a {@link Result}, so an unexpected exception can never vanish
 * with its thread. Unlike {@link Result#of}, it keeps an {@link Error} too (an {@code AssertionError}
 * thrown on the staged thread is exactly what the test must see).
 *
 * <pre>{@code
 * Staged<String> taker = Staged.start("consumer", buffer::take);
 * Watch.until("the consumer parks", () -> Watch.isParked(taker.thread()));
 * buffer.put("x");
 * assertThat(taker.join().value()).isEqualTo("x");
 * }</pre>
 */
public final class Staged<T> {

    /** What the staged thread runs: it may return a value or throw anything. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws Exception;
    }

    private final AtomicReference<Result<T>> outcome = new AtomicReference<>();
    private final Thread thread;

    private Staged(String name, Action<T> action) {
        Objects.requireNonNull(action, "action");
        this.thread = Thread.ofPlatform().name(name).unstarted(() -> {
            try {
                T value = action.run();
                outcome.set(value == null ? Result.failure(new NullPointerException(name + " returned null")) : Result.success(value));
            } catch (Throwable e) {
                outcome.set(Result.failure(e));
            }
        });
    }

    /** Starts {@code action} on a new platform thread named {@code name}. */
    public static <T> Staged<T> start(String name, Action<T> action) {
        Staged<T> staged = new Staged<>(name, action);
        staged.thread.start();
        return staged;
    }

    /** Starts an action that returns nothing; its success is {@code Boolean.TRUE}. */
    public static Staged<Boolean> run(String name, ThrowingRunnable action) {
        return start(name, () -> {
            action.run();
            return Boolean.TRUE;
        });
    }

    /** A runnable that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    public Thread thread() {
        return thread;
    }

    /** Joins with {@link Watch#BOUND} and returns how it ended. */
    public Result<T> join() throws InterruptedException {
        Watch.joinBounded(thread);
        return outcome.get();
    }

    /** How it ended, if it has: {@code null} while it still runs. */
    public Result<T> outcomeSoFar() {
        return outcome.get();
    }
}
