package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * One hand-moved time for every implementation: a {@link VirtualTimeScheduler} for {@code reactor},
 * a {@link TestScheduler} for {@code rxjava}, and an {@link InstantSource} that reads the first for
 * the imperative queues. {@link #advance} moves them together, on the calling thread (the reactive
 * queues' timers run there); an imperative waiter notices when its own wait, computed on this
 * clock, runs out — which is why the tests keep their durations to a few tens of milliseconds.
 */
final class ManualTime implements AutoCloseable {

    private final VirtualTimeScheduler reactor = VirtualTimeScheduler.create();
    private final TestScheduler rxjava = new TestScheduler();
    private final InstantSource clock = () -> Instant.EPOCH.plusNanos(reactor.now(TimeUnit.NANOSECONDS));

    Timing timing() {
        return new Timing(clock, reactor, rxjava);
    }

    InstantSource clock() {
        return clock;
    }

    void advance(Duration by) {
        reactor.advanceTimeBy(by);
        rxjava.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        reactor.dispose();
        rxjava.shutdown();
    }
}
