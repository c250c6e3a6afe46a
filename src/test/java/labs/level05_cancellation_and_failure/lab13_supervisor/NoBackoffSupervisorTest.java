package labs.level05_cancellation_and_failure.lab13_supervisor;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.DEPENDENCY_DOWN;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.Flaky.ALWAYS;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.restartsPerSecond;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.starts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import labs.support.Hint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.test.subscriber.TestSubscriber;

/**
 * The broken {@link NoBackoffSupervisor} ({@code defer(incarnation).retry(n)}) caught in virtual
 * time, beside the reference on the same scenarios: a crash loop becomes a restart storm of a
 * hundred restarts per simulated second, and a two-second outage spends the whole restart budget in
 * its first instant — the outage {@code ReactorSupervisorInVirtualTimeTest.aTwoSecondOutageIsRiddenOutWithBackoff}
 * rides out.
 */
class NoBackoffSupervisorTest {

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    @AfterEach
    void disposeTheClock() {
        clock.dispose();
    }

    /** Each input takes {@code time} on the virtual clock, then the worker's own call. */
    private BiFunction<Worker, String, Mono<String>> takes(Duration time) {
        return Children.takes(clock, time);
    }

    @Test
    @Hint("Count the restarts in each simulated second: without a delay, a worker that crashes 10 ms into its input is restarted a hundred times a second.")
    void aCrashLoopIsARestartStormWithoutBackoffAndAHandfulOfRestartsWithIt() {
        Child looping = Children.Flaky.crashing("job", ALWAYS).child("worker", "job");
        TestSubscriber<Event> storm = TestSubscriber.create();
        new NoBackoffSupervisor(10_000, clock).supervise(List.of(looping), takes(ofMillis(10))).subscribe(storm);
        TestSubscriber<Event> backedOff = TestSubscriber.create();
        new ReactorSupervisor(RestartPolicy.backoff(ofMillis(100), ofSeconds(10)).withIntensity(1000, Duration.ofHours(1)).withPoisonAfter(1000),
                Strategy.ONE_FOR_ONE, clock).supervise(List.of(looping), takes(ofMillis(10))).subscribe(backedOff);

        clock.advanceTimeBy(ofSeconds(10));

        assertThat(restartsPerSecond(storm.getReceivedOnNext(), 3)).as("restarts in each of the first 3 s without backoff").containsExactly(99L, 100L, 100L);
        // with backoff: restarts at 0.11, 0.32, 0.73, 1.54, 3.15, 6.36 s (each 10 ms crash, then 100 ms doubling)
        assertThat(restartsPerSecond(backedOff.getReceivedOnNext(), 10)).as("restarts in each of the first 10 s with backoff")
                .containsExactly(3L, 1L, 0L, 1L, 0L, 0L, 1L, 0L, 0L, 0L);
        storm.cancel();
        backedOff.cancel();
    }

    @Test
    @Hint("A retry without backoff spends its whole budget in the first instant of an outage; with exponential backoff the same budget spans seconds.")
    void aTwoSecondOutageSpendsTheWholeRestartBudgetInItsFirstInstantWithoutBackoff() {
        TestSubscriber<Event> events = TestSubscriber.create();
        new NoBackoffSupervisor(5, clock)
                .supervise(List.of(new Child("client", List.of("a", "b"), Children.downUntil(() -> clock.now(TimeUnit.MILLISECONDS), 2000, Children::echo))),
                        takes(ofMillis(10)))
                .subscribe(events);

        clock.advanceTimeBy(Duration.ofMinutes(1));

        assertThat(starts(events.getReceivedOnNext(), "client")).as("starts (ms): all six at once").containsExactly(0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(events.expectTerminalError()).as("how it ended: gave up on the outage").hasMessage(DEPENDENCY_DOWN);
        assertThat(new Report(events.getReceivedOnNext()).outputs("client")).as("outputs").isEmpty();
    }
}
