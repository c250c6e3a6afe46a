package labs.support;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * How one piece of work ended: with a value, or with the exception it threw. Every lab that has to
 * report "this one succeeded, that one failed" (a job of a work queue, a branch of a fan-out, a
 * staged thread in a test) uses this one type, so "failed" means the same thing everywhere.
 *
 * <p>Why {@link #of} catches {@link Exception} and never {@link Error}: an exception is the work's
 * own failure, and reporting it as data is the point; an {@code Error} ({@code OutOfMemoryError},
 * {@code StackOverflowError}, an {@code AssertionError} from a test) is the JVM or the harness in
 * trouble, and turning it into a value would hide it. It propagates.
 *
 * @param <T> the value's type; a success never holds {@code null} (a callable that returns null
 *            fails with a {@link NullPointerException} that says so)
 */
public sealed interface Result<T> {

    /** The work returned {@code value}. */
    record Success<T>(T value) implements Result<T> {
        public Success {
            Objects.requireNonNull(value, "a success has a value: use Optional or a sentinel type for 'nothing'");
        }
    }

    /** The work threw {@code error}. */
    record Failure<T>(Throwable error) implements Result<T> {
        public Failure {
            Objects.requireNonNull(error, "a failure has an error");
        }
    }

    static <T> Result<T> success(T value) {
        return new Success<>(value);
    }

    static <T> Result<T> failure(Throwable error) {
        return new Failure<>(error);
    }

    /**
     * Runs {@code work} on the calling thread and settles it. An exception becomes a failure; an
     * {@link Error} is rethrown (see the class comment); {@code null} is a failure that says so.
     */
    static <T> Result<T> of(Callable<T> work) {
        Objects.requireNonNull(work, "work must not be null");
        T value;
        try {
            value = work.call();
        } catch (Exception e) {
            return failure(e);
        }
        return value == null ? failure(new NullPointerException("the work returned null")) : success(value);
    }

    default boolean succeeded() {
        return this instanceof Success<T>;
    }

    /** The value; on a failure, an {@link IllegalStateException} whose cause is the failure. */
    default T value() {
        return switch (this) {
            case Success<T> s -> s.value();
            case Failure<T> f -> throw new IllegalStateException("no value: the work failed with " + f.error(), f.error());
        };
    }

    /** The error; on a success, an {@link IllegalStateException}. */
    default Throwable error() {
        return switch (this) {
            case Success<T> s -> throw new IllegalStateException("no error: the work succeeded with " + s.value());
            case Failure<T> f -> f.error();
        };
    }

    default <R> Result<R> map(Function<? super T, ? extends R> mapper) {
        return switch (this) {
            case Success<T> s -> success(mapper.apply(s.value()));
            case Failure<T> f -> failure(f.error());
        };
    }
}
