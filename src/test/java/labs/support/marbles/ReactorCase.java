package labs.support.marbles;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A run on Reactor: input lines are {@link Flux}es on a {@link VirtualTimeScheduler}. */
public final class ReactorCase extends MarbleCase {

    private final VirtualTimeScheduler scheduler;

    ReactorCase(Scenario scenario, Clock clock) {
        super(scenario, clock);
        this.scheduler = clock.scheduler;
    }

    /** The input line {@code name} as a Flux of one-character strings. */
    public Flux<String> flux(String name) {
        return Flux.from(source(name));
    }

    /**
     * The virtual-time scheduler. It is also installed as every {@code Schedulers.*} for the run,
     * so {@code Mono.delay(d)} without a scheduler is virtual too; passing it explicitly says so.
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Reactor's virtual time, frames as milliseconds. */
    static final class Clock implements VirtualClock {
        final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

        Clock() {
            VirtualTimeScheduler.set(scheduler);
        }

        @Override
        public long now() {
            return scheduler.now(TimeUnit.MILLISECONDS);
        }

        @Override
        public void schedule(long frame, Runnable task) {
            scheduler.schedule(task, frame - now(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void advanceTo(long frame) {
            scheduler.advanceTimeTo(Instant.ofEpochMilli(frame));
        }

        @Override
        public void close() {
            scheduler.dispose();
            VirtualTimeScheduler.reset();
        }
    }
}
