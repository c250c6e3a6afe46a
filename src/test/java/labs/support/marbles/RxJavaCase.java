package labs.support.marbles;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.concurrent.TimeUnit;

/**
 * A run on RxJava 3: input lines are {@link Flowable}s on a {@link TestScheduler}. RxJava has no
 * global switch to virtual time: timed operators must be given {@link #scheduler()}.
 */
public final class RxJavaCase extends MarbleCase {

    private final TestScheduler scheduler;

    RxJavaCase(Scenario scenario, Clock clock) {
        super(scenario, clock);
        this.scheduler = clock.scheduler;
    }

    /** The input line {@code name} as a Flowable of one-character strings. */
    public Flowable<String> flowable(String name) {
        return Flowable.fromPublisher(source(name));
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * RxJava's virtual time, frames as milliseconds.
     *
     * <p>Reactor's {@code VirtualTimeScheduler} runs a task that is due now as soon as it is
     * scheduled (after the task running, if any); {@code TestScheduler} waits for the next
     * {@code triggerActions}. The engine's own tasks (the sources' signals) follow Reactor's rule
     * on both, so a cold line's frame-0 values arrive inside {@code subscribe} on both libraries.
     */
    static final class Clock implements VirtualClock {
        final TestScheduler scheduler = new TestScheduler();
        private boolean running;

        @Override
        public long now() {
            return scheduler.now(TimeUnit.MILLISECONDS);
        }

        @Override
        public void schedule(long frame, Runnable task) {
            scheduler.scheduleDirect(task, frame - now(), TimeUnit.MILLISECONDS);
            if (frame <= now() && !running) {
                run(scheduler::triggerActions);
            }
        }

        @Override
        public void advanceTo(long frame) {
            run(() -> scheduler.advanceTimeTo(frame, TimeUnit.MILLISECONDS));
        }

        /** Tasks scheduled while tasks run are picked up by the loop already running, as in Reactor. */
        private void run(Runnable loop) {
            running = true;
            try {
                loop.run();
            } finally {
                running = false;
            }
        }

        @Override
        public void close() {
            scheduler.shutdown();
        }
    }
}
