package labs.level05_cancellation_and_failure.lab12_timeout_queue;

/**
 * How every item offered to a queue has ended so far. Each offered item is in exactly one column:
 * delivered (a poll returned it), expired (its time-to-live ran out, or the queue closed, before
 * anyone took it), refused (no room before the offer's timeout), or still held.
 *
 * <p>{@link #unaccounted()} is what no column explains: 0 for a queue that loses nothing. A
 * positive figure is an item lost (taken out and neither delivered nor counted expired); a negative
 * one, an item counted twice.
 */
public record Ledger(long offered, long delivered, long expired, long refused, long held) {

    /** The empty ledger of a queue nothing was offered to. */
    public static final Ledger EMPTY = new Ledger(0, 0, 0, 0, 0);

    public long unaccounted() {
        return offered - delivered - expired - refused - held;
    }

    public boolean addsUp() {
        return unaccounted() == 0;
    }

    /** {@code offered 5 = delivered 2 + expired 1 + refused 1 + held 1}, and what is unaccounted for, if anything. */
    @Override
    public String toString() {
        String sum = "offered " + offered + " = delivered " + delivered + " + expired " + expired + " + refused " + refused + " + held " + held;
        return addsUp() ? sum : sum + " (does not add up: " + unaccounted() + " unaccounted for)";
    }
}
