package labs.level03_message_passing.lab06_fan_out_fan_in;

/** The first branch that failed, by index, with what it threw as the cause. */
public final class BranchFailedException extends RuntimeException {

    private final int branch;

    public BranchFailedException(int branch, Throwable cause) {
        super("branch " + branch + " failed: " + cause, cause);
        this.branch = branch;
    }

    public int branch() {
        return branch;
    }
}
