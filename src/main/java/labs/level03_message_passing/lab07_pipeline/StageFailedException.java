package labs.level03_message_passing.lab07_pipeline;

/** The one error a failed pipeline reports: which stage, on which item, and why. */
public final class StageFailedException extends RuntimeException {

    private final String stage;
    private final long item;

    public StageFailedException(String stage, long item, Throwable cause) {
        super("stage '" + stage + "' failed on item " + item + ": " + cause, cause);
        this.stage = stage;
        this.item = item;
    }

    public String stage() {
        return stage;
    }

    public long item() {
        return item;
    }
}
