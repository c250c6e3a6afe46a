package labs.level02_shared_state.lab03_shared_counter;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * A hook for the inside of a subscriber's onNext that makes a race happen on cue: the first call
 * parks (on whichever thread made it) until the test releases it, so the test can emit from a
 * second thread while the first is provably inside onNext. It also records the most calls that
 * were inside at once (rule 1.3 says one). Every wait is bounded.
 */
final class ParkFirstOnNext implements LongConsumer {

    static final Duration BOUND = Duration.ofSeconds(5);

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean first = new AtomicBoolean(true);
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInsideAtOnce = new AtomicInteger();

    @Override
    public void accept(long total) {
        mostInsideAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
            if (first.compareAndSet(true, false)) {
                entered.countDown();
                if (!release.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the parked onNext was never released");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inside.decrementAndGet();
        }
    }

    void awaitParked() throws InterruptedException {
        if (!entered.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no thread entered onNext");
        }
    }

    void release() {
        release.countDown();
    }

    int mostInsideAtOnce() {
        return mostInsideAtOnce.get();
    }
}
