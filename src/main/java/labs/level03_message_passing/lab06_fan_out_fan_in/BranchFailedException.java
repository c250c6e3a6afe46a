package labs.level03_message_passing.lab06_fan_out_fan_in;

/** The first branch that failed, by index, with what it threw as the cause (or: it returned null). */
public final class BranchFailedException extends RuntimeException {

    private final int branch;

    public BranchFailedException(int branch, Throwable cause) {
        super("branch " + branch + " failed: " + cause, cause);
        this.branch = branch;
    }

    private BranchFailedException(int branch, String message) {
        super(message);
        this.branch = branch;
    }

    /**
     * A branch that returned null. Rejected, never passed on: a reactive stream cannot carry null
     * (Reactor would drop the branch and shift every later result one slot left), so every
     * implementation fails the same way instead.
     */
    public static BranchFailedException returnedNull(int branch) {
        return new BranchFailedException(branch, "branch " + branch + " returned null");
    }

    public int branch() {
        return branch;
    }
}
