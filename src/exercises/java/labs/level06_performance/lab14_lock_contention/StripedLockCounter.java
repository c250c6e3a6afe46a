package labs.level06_performance.lab14_lock_contention;

/**
 * YOUR lab14 striped counter (started by {@code labs practice lab14}; check it with
 * {@code labs check lab14}). The spec: {@code docs/labs/level06_performance/lab14_lock_contention/README.md}.
 *
 * <p>Lock striping: the count is split into {@link #stripes()} partial counts, each behind a monitor
 * of its own (the stripe object itself). The contract ({@link SharedCounter}):
 * <ol>
 *   <li><b>No lost update.</b> After {@code n} calls to {@link #increment} have returned, on any
 *       threads, {@link #sum} returns {@code n} once no increment runs.</li>
 *   <li><b>Linearizable.</b> An increment that has returned is counted by every later {@code sum},
 *       on any thread; a {@code sum} never counts an increment that has not started.</li>
 * </ol>
 *
 * <p>What makes it pay: a thread always uses the same stripe (its thread id picks it, masked to the
 * number of stripes), so threads on different stripes never wait for each other — and never take
 * one lock for everything. The stripes and their padding are given; write {@link #increment} and
 * {@link #sum}. Lincheck checks clause 2 ({@code CounterLincheckTest}).
 */
public final class StripedLockCounter implements SharedCounter {

    private final Stripe[] stripes;
    private final int mask;

    /** A power of two at least twice the core count. (Given.) */
    public StripedLockCounter() {
        this(defaultStripes(Runtime.getRuntime().availableProcessors()));
    }

    /** @param stripes how many partial counts, a power of two from 1 (given) */
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

    /** The smallest power of two at least {@code 2 x cores}. (Given.) */
    static int defaultStripes(int cores) {
        return Integer.highestOneBit(Math.max(1, 2 * cores - 1)) << 1;
    }

    public int stripes() {
        return stripes.length;
    }

    @Override
    public void increment() {
        throw new UnsupportedOperationException("TODO(lab14): add one to the partial count of this thread's stripe, under that stripe's monitor");
    }

    @Override
    public long sum() {
        throw new UnsupportedOperationException("TODO(lab14): add up every stripe's partial count, each read under its own monitor");
    }

    /** A stripe's partial count. (Given.) */
    private static class Count {
        long count;
    }

    /** 128 bytes of padding after the count, so two stripes never share a cache line. (Given.) */
    @SuppressWarnings("unused")
    private static final class Stripe extends Count {
        long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
    }
}
