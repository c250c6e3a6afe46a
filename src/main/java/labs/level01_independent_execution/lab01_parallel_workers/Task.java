package labs.level01_independent_execution.lab01_parallel_workers;

import java.util.Objects;
import java.util.concurrent.Callable;

/** One independent unit of work: its id (unique within a run) and the computation. */
public record Task<R>(int id, Callable<R> body) {
    public Task {
        Objects.requireNonNull(body, () -> "task " + id + " has no body");
    }
}
