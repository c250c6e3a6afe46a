package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;

/**
 * The clients the live experiment sends to a pool: {@code clients} arriving {@code perSecond} (open
 * loop: on schedule, whatever the pool does), each asking with {@code timeout} and holding its
 * connection {@code hold}. Every {@code leakEvery}-th client never gives it back, every
 * {@code giveUpEvery}-th gives up {@code patience} after it arrived (0: none does).
 */
record PoolLoad(int clients, double perSecond, Duration hold, Duration timeout, int leakEvery, int giveUpEvery, Duration patience) {

    /** Little's law for this load: connections busy on average if every client is served, L = λ·h. */
    double littlesL() {
        return perSecond * hold.toNanos() / 1e9;
    }

    long dueNanos(int client) {
        return Math.round(client * 1e9 / perSecond);
    }

    boolean leaks(int client) {
        return leakEvery > 0 && client % leakEvery == leakEvery - 1;
    }

    boolean givesUp(int client) {
        return giveUpEvery > 0 && client % giveUpEvery == giveUpEvery - 1;
    }
}
