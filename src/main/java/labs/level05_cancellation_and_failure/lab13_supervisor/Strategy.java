package labs.level05_cancellation_and_failure.lab13_supervisor;

/** What a crash restarts, as in Erlang/OTP's supervisors. */
public enum Strategy {

    /** Only the child that crashed; its siblings go on undisturbed. */
    ONE_FOR_ONE("one-for-one"),
    /** Every child that still has inputs: the siblings are stopped and restarted with it (for children that depend on each other). */
    ONE_FOR_ALL("one-for-all");

    private final String label;

    Strategy(String label) {
        this.label = label;
    }

    /** {@code one-for-one}, {@code one-for-all}: as tables and test reports print it. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
