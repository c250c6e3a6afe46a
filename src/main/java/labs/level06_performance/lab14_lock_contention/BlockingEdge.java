package labs.level06_performance.lab14_lock_contention;

import io.reactivex.rxjava3.core.Notification;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * The one way lab14's reactive edges block: subscribe to the run, wait for its one result on the
 * caller's thread, then stop the schedulers or executors the run made and wait (bounded) for their
 * threads to end — and only then hand back the result, or rethrow the run's failure as it is.
 * {@code materialize()} turns the failure into a value so that it can wait for the threads first.
 */
final class BlockingEdge {

    /** A run's result and how long it took, from subscription to its result. */
    record Timed<T>(T value, Duration elapsed) {
    }

    private BlockingEdge() {
    }

    /** Reactor: {@code run.materialize().block()}, then {@code stop}, then the threads' end. */
    static <T> Timed<T> block(Mono<T> run, RunThreads threads, Runnable stop) {
        long start = System.nanoTime();
        Signal<T> outcome;
        try {
            outcome = run.materialize().block();
        } catch (RuntimeException interrupted) { // block() gives up when the caller is interrupted (the flag stays set)
            stop.run();
            threads.end(() -> interrupted);
            throw interrupted;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        stop.run();
        threads.end(outcome::getThrowable);
        return new Timed<>(outcome.get(), elapsed);
    }

    /** RxJava: {@code run.materialize().blockingGet()}, then {@code stop}, then the threads' end. */
    static <T> Timed<T> blockingGet(Single<T> run, RunThreads threads, Runnable stop) {
        long start = System.nanoTime();
        Notification<T> outcome;
        try {
            outcome = run.materialize().blockingGet();
        } catch (RuntimeException interrupted) { // blockingGet() gives up when the caller is interrupted
            stop.run();
            threads.end(() -> interrupted);
            throw interrupted;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        stop.run();
        threads.end(outcome::getError);
        return new Timed<>(outcome.getValue(), elapsed);
    }
}
