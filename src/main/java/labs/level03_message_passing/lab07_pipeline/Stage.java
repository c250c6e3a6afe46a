package labs.level03_message_passing.lab07_pipeline;

import java.util.Objects;
import java.util.function.LongUnaryOperator;

/** One step of the pipeline: a name (for errors and tables) and what it does to each item. */
public record Stage(String name, LongUnaryOperator fn) {
    public Stage {
        Objects.requireNonNull(name, "stage name must not be null");
        Objects.requireNonNull(fn, () -> "stage '" + name + "' has no function");
    }

    /**
     * Applies the stage; its exception names the stage and the item, so it is reported once,
     * precisely. An {@link Error} is not the stage's failure (BlockHound's, a failed assertion, the
     * JVM's): it goes up as it is.
     */
    long apply(long item) {
        try {
            return fn.applyAsLong(item);
        } catch (Exception e) {
            throw new StageFailedException(name, item, e);
        }
    }
}
