package labs.level06_performance.lab14_lock_contention;

/**
 * Lock striping: the count is split into stripes, each a partial count behind a monitor of its own.
 * A thread always adds to the stripe its thread id picks, so threads on different stripes never
 * wait for each other; {@link #sum} locks each stripe in turn and adds the partial counts up. It is
 * {@code LongAdder}'s idea (its class is {@code Striped64}) with a lock per cell instead of a CAS,
 * and {@code ConcurrentHashMap}'s before Java 8 (one lock per segment).
 *
 * <p>Increment-only, {@code sum} without one big lock is still linearizable: it counts every
 * increment that returned before it began (each sits in a stripe it will lock) and none that had not
 * started when it ended, and the count passes through every value in between.
 *
 * <p>Two details decide whether striping pays: the number of stripes (a power of two at least as
 * large as twice the cores by default, so threads with consecutive ids never share one), and the
 * padding around each stripe: stripes allocated one after another would share cache lines, and
 * threads on "different" stripes would contend for the line anyway (false sharing, the lab's
 * {@code --inject false-sharing}).
 */
public final class StripedLockCounter implements SharedCounter {

    private final Stripe[] stripes;
    private final int mask;

    /** A power of two at least twice the core count. */
    public StripedLockCounter() {
        this(defaultStripes(Runtime.getRuntime().availableProcessors()));
    }

    /** @param stripes how many partial counts, a power of two from 1 */
    public StripedLockCounter(int stripes) {
        if (stripes < 1 || Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two >= 1 (got " + stripes + ")");
        }
        this.stripes = new Stripe[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new Stripe();
        }
        this.mask = stripes - 1;
    }

    /** The smallest power of two at least {@code 2 x cores}. */
    static int defaultStripes(int cores) {
        return Integer.highestOneBit(Math.max(1, 2 * cores - 1)) << 1;
    }

    /** How many stripes the count is split into. */
    public int stripes() {
        return stripes.length;
    }

    @Override
    public void increment() {
        Stripe stripe = stripes[(int) Thread.currentThread().threadId() & mask];
        synchronized (stripe) {
            stripe.count++;
        }
    }

    @Override
    public long sum() {
        long sum = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                sum += stripe.count;
            }
        }
        return sum;
    }

    /** A stripe's partial count, right behind its object header (where its monitor lives). */
    private static class Count {
        long count;
    }

    /**
     * 128 bytes of padding after the count: the next stripe, allocated right behind this one, starts
     * two cache lines away (two, because some CPUs fetch lines in pairs). In a subclass, because
     * HotSpot lays out a superclass's fields first and may reorder a class's own.
     */
    @SuppressWarnings("unused")
    private static final class Stripe extends Count {
        long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
    }
}
