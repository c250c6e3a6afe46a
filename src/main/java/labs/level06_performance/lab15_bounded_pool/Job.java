package labs.level06_performance.lab15_bounded_pool;

import java.util.Objects;
import java.util.concurrent.Callable;

/** One submission: an id (for the report) and the work, which may block (it stands for a call to a slow service). */
public record Job(int id, Callable<Long> body) {
    public Job {
        Objects.requireNonNull(body, () -> "job " + id + " has no body");
    }
}
