package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A long job: acquire a resource, run {@code steps} steps with it (each one item), release it.
 * Checked when it is made, so a bad job is refused before anything starts.
 *
 * @param steps   how many steps: 0 or more
 * @param acquire how the resource is acquired; it runs on the job's own thread, when the job starts,
 *                and may block (then it must answer interruption, as a step must)
 * @param step    the work of one step
 */
public record Job(int steps, Callable<? extends Resource> acquire, Step step) {

    public Job {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0 (got " + steps + ")");
        }
        Objects.requireNonNull(acquire, "acquire must not be null");
        Objects.requireNonNull(step, "step must not be null");
    }
}
