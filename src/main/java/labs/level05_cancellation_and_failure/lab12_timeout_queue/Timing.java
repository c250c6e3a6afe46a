package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.InstantSource;
import java.util.Objects;
import reactor.core.scheduler.Schedulers;

/**
 * Where a queue takes its time from. The imperative queues read a clock ({@link InstantSource});
 * the reactive ones schedule their timers on a scheduler and read its clock. Every deadline and
 * every time-to-live is measured on it, so a test gives a queue a clock it moves by hand (a
 * virtual-time scheduler, and an {@code InstantSource} that reads it) and never sleeps.
 *
 * @param clock  what {@code lock-conditions} and {@code linked-blocking-queue} read
 * @param reactor the scheduler {@code reactor} times with
 * @param rxjava the scheduler {@code rxjava} times with
 */
public record Timing(InstantSource clock, reactor.core.scheduler.Scheduler reactor, io.reactivex.rxjava3.core.Scheduler rxjava) {

    public Timing {
        Objects.requireNonNull(clock, "clock must not be null");
        Objects.requireNonNull(reactor, "reactor scheduler must not be null");
        Objects.requireNonNull(rxjava, "rxjava scheduler must not be null");
    }

    /**
     * Real time: a clock that never goes back ({@link MonotonicClock}), Reactor's {@code parallel()}
     * and RxJava's {@code computation()} — their timers only schedule and cancel, never block.
     */
    public static Timing real() {
        return new Timing(MonotonicClock.INSTANCE, Schedulers.parallel(), io.reactivex.rxjava3.schedulers.Schedulers.computation());
    }
}
