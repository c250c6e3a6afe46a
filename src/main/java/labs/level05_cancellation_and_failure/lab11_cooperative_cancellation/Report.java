package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.Objects;

/**
 * What a job's handle reports once the job has stopped: how it ended, how many items its steps
 * delivered, and — only when it failed — the exception.
 *
 * @param ending  exactly one, decided once (contract clause 5)
 * @param items   items delivered: steps that returned a value that reached the job's consumer
 * @param failure the step's or the acquire's exception when {@code ending} is {@link Ending#FAILED}; null otherwise
 */
public record Report(Ending ending, int items, Exception failure) {

    public Report {
        Objects.requireNonNull(ending, "ending");
        if (items < 0) {
            throw new IllegalArgumentException("items must be >= 0 (got " + items + ")");
        }
        if ((ending == Ending.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a failure comes with FAILED and only with it (got " + ending + ", " + failure + ")");
        }
    }

    public static Report completed(int items) {
        return new Report(Ending.COMPLETED, items, null);
    }

    public static Report cancelled(int items) {
        return new Report(Ending.CANCELLED, items, null);
    }

    public static Report failed(int items, Exception failure) {
        return new Report(Ending.FAILED, items, Objects.requireNonNull(failure, "failure"));
    }

    /** The report for an ending decided by a {@link JobEnding}; {@code failure} is read only for FAILED. */
    static Report of(Ending ending, int items, Exception failure) {
        return switch (ending) {
            case COMPLETED -> completed(items);
            case CANCELLED -> cancelled(items);
            case FAILED -> failed(items, failure);
        };
    }
}
