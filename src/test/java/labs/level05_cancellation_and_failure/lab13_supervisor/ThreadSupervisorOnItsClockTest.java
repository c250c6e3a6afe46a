package labs.level05_cancellation_and_failure.lab13_supervisor;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.starts;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Strategy.ONE_FOR_ONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import labs.support.Hint;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * The imperative supervisor on a clock the test moves ({@link ManualTime}): its supervisor thread
 * asks its {@code ScheduledExecutorService} for each restart's delay, and the test reads every delay
 * and moves the clock to it. The same scenarios, and the same figures, as the reactive cores in
 * virtual time — without a sleep: each step waits (bounded) for the supervisor to have scheduled its
 * next restart, or for the run to be over.
 */
class ThreadSupervisorOnItsClockTest {

    private final ManualTime time = new ManualTime();

    /** Runs {@code children} on a staged caller and moves the clock from restart to restart until the run is over. */
    private Result<Report> runMovingTheClock(RestartPolicy policy, List<Duration> waited, Child... children) throws InterruptedException {
        Supervisor supervisor = new ThreadSupervisor(policy, ONE_FOR_ONE, time, time::executor);
        Staged<Report> caller = Staged.start("lab13-test-caller", () -> supervisor.run(List.of(children)));
        while (true) {
            Watch.until("a restart scheduled, or the run over", () -> time.pending() > 0 || !caller.thread().isAlive());
            if (time.pending() == 0) {
                return caller.join();
            }
            waited.add(time.advanceToNext());
        }
    }

    @Test
    @Hint("Schedule each restart on the supervisor's ScheduledExecutorService after policy.nextBackoff(k): the injected clock, not the wall clock, must tell the times.")
    void theSupervisorThreadWaitsExactlyTheBackoffBeforeEachRestart() throws InterruptedException {
        RestartPolicy policy = RestartPolicy.backoff(ofMillis(100), ofSeconds(10)).withIntensity(5, ofSeconds(10));
        List<Duration> waited = new ArrayList<>();

        Report report = runMovingTheClock(policy, waited,
                new Child("client", List.of("a", "b"), Children.downUntil(time::millis, 2000, Children::echo))).value();

        assertThat(waited).as("delays the supervisor asked for").containsExactly(ofMillis(100), ofMillis(200), ofMillis(400), ofMillis(800), ofMillis(1600));
        assertThat(starts(report.events(), "client")).as("starts (ms), as in virtual time").containsExactly(0L, 100L, 300L, 700L, 1500L, 3100L);
        assertThat(report.outputs("client")).containsExactly("A", "B");
    }

    @Test
    @Hint("Reset the unit's crashes-in-a-row count on the supervisor thread when an input is handled.")
    void aHandledInputResetsTheBackoffOnTheSupervisorThreadToo() throws InterruptedException {
        List<Duration> waited = new ArrayList<>();

        runMovingTheClock(RestartPolicy.backoff(ofMillis(10), ofMillis(40)), waited, Children.Flaky.crashing("a", 1, "b", 2).child("worker", "a", "b"));

        assertThat(waited).as("delays: a's crash, then b's two (after a was handled)").containsExactly(ofMillis(10), ofMillis(10), ofMillis(20));
    }

    @Test
    @Hint("Count restarts on the supervisor's clock: the crash at 700 ms finds three restarts within 1 s and gives up.")
    void theIntensityWindowIsReadOnTheInjectedClock() throws InterruptedException {
        RestartPolicy policy = RestartPolicy.backoff(ofMillis(100), ofSeconds(10)).withIntensity(3, ofSeconds(1));
        List<Duration> waited = new ArrayList<>();

        Result<Report> outcome = runMovingTheClock(policy, waited, new Child("client", List.of("a"), Children.alwaysDown()));

        assertThat(waited).as("delays before giving up").containsExactly(ofMillis(100), ofMillis(200), ofMillis(400));
        assertThat(outcome.error()).as("what run threw").isInstanceOf(EscalationException.class);
        assertThat(((EscalationException) outcome.error()).report().crashes()).extracting(Event::at)
                .as("crashes (ms) on the injected clock").containsExactly(0L, 100L, 300L, 700L);
        assertThat(time.pending()).as("restarts left scheduled").isZero();
    }
}
