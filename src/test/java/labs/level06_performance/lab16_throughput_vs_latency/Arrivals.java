package labs.level06_performance.lab16_throughput_vs_latency;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Requests arriving at given virtual times, for the tests that drive the cores directly: request
 * {@code i} arrives at {@code millis[i]} and was meant for that time. And the clocks of the two
 * virtual-time schedulers, in nanoseconds, as the cores take them.
 */
final class Arrivals {

    private Arrivals() {
    }

    static final long MS = 1_000_000L;

    /** How long after the last arrival the arrivals complete: a completion flushes an open batch at once. */
    static final long END_AFTER_MS = 1000;

    /** Reactor: request i at {@code millis[i]} ms of the virtual clock (the values in order); complete {@link #END_AFTER_MS} after the last. */
    static Flux<Request> at(VirtualTimeScheduler clock, long... millis) {
        return Flux.range(0, millis.length)
                .concatMap(i -> Mono.delay(Duration.ofMillis(millis[i] - (i == 0 ? 0 : millis[i - 1])), clock).thenReturn(new Request(i, millis[i] * MS)))
                .concatWith(Mono.delay(Duration.ofMillis(END_AFTER_MS), clock).then(Mono.empty()));
    }

    /** RxJava: the same on a {@link TestScheduler}. */
    static Flowable<Request> at(TestScheduler clock, long... millis) {
        return Flowable.range(0, millis.length)
                .concatMapSingle(i -> io.reactivex.rxjava3.core.Single.timer(millis[i] - (i == 0 ? 0 : millis[i - 1]), TimeUnit.MILLISECONDS, clock)
                        .map(t -> new Request(i, millis[i] * MS)))
                .concatWith(io.reactivex.rxjava3.core.Completable.timer(END_AFTER_MS, TimeUnit.MILLISECONDS, clock).toFlowable());
    }

    static LongSupplier clockOf(VirtualTimeScheduler scheduler) {
        return () -> scheduler.now(TimeUnit.NANOSECONDS);
    }

    static LongSupplier clockOf(TestScheduler scheduler) {
        return () -> scheduler.now(TimeUnit.NANOSECONDS);
    }

    /** A Served's time in whole virtual milliseconds. */
    static long ms(long nanos) {
        return nanos / MS;
    }
}
