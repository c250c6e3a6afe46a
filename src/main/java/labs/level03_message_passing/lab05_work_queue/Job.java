package labs.level03_message_passing.lab05_work_queue;

import java.util.Objects;
import java.util.concurrent.Callable;

/** One unit of work a producer submits: an id (for the report) and the computation. */
public record Job(int id, Callable<Long> body) {
    public Job {
        Objects.requireNonNull(body, () -> "job " + id + " has no body");
    }
}
