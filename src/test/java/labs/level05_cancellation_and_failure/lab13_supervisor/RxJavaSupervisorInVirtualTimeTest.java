package labs.level05_cancellation_and_failure.lab13_supervisor;

import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.DEPENDENCY_DOWN;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.Flaky.ALWAYS;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.outputsWithTimes;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.restartTimes;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.starts;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Strategy.ONE_FOR_ALL;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Strategy.ONE_FOR_ONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.BiFunction;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import labs.support.Hint;
import org.junit.jupiter.api.Test;

/**
 * The same failure themes on the shipped RxJava core,
 * {@link RxJavaSupervisor#supervise(List, BiFunction)}, on a {@link TestScheduler}: the clock moves
 * only when the test moves it ({@code advanceTimeBy}), so the restart times are the same exact
 * figures as Reactor's — the two libraries meet one spec.
 */
class RxJavaSupervisorInVirtualTimeTest {

    private final TestScheduler clock = new TestScheduler();

    /** Each input takes {@code millis} on the test clock, then the worker's own call. */
    private BiFunction<Worker, String, Single<String>> takes(long millis) {
        return (worker, input) -> Single.timer(millis, TimeUnit.MILLISECONDS, clock).map(tick -> worker.handle(input));
    }

    private TestSubscriber<Event> supervise(RestartPolicy policy, Strategy strategy, long millisPerInput, Child... children) {
        return new RxJavaSupervisor(policy, strategy, clock).supervise(List.of(children), takes(millisPerInput)).test();
    }

    private void advance(Duration time) {
        clock.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Test
    @Hint("The restart waits in a Flowable.timer on the scheduler the core was given: minBackoff · 2^k, capped at maxBackoff.")
    void rxJavaAnHourOfCrashLoopTakesMillisecondsAndEveryRestartComesExactlyAtItsBackoff() {
        RestartPolicy policy = RestartPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)).withIntensity(10, Duration.ofMinutes(5));
        TestSubscriber<Event> events = supervise(policy, ONE_FOR_ONE, 10, new Child("db-client", List.of("query"), Children.alwaysDown()));

        advance(Duration.ofHours(1));

        List<Long> seconds = restartTimes(events.values()).stream().map(ms -> ms / 1000).toList();
        assertThat(seconds.subList(0, 5)).as("the first restarts (s)").containsExactly(1L, 3L, 7L, 15L, 31L);
        assertThat(seconds.subList(5, seconds.size())).as("every restart from the last doubling on (s): 60 s apart")
                .containsExactlyElementsOf(LongStream.iterate(63, s -> s <= 3600, s -> s + 60).boxed().toList());
        events.assertNotComplete().assertNoErrors();
        events.cancel();
    }

    @Test
    @Hint("Without a delay between restarts, the outage spends the whole restart budget in its first instant.")
    void rxJavaATwoSecondOutageIsRiddenOutWithBackoff() {
        RestartPolicy policy = RestartPolicy.backoff(Duration.ofMillis(100), Duration.ofSeconds(10)).withIntensity(5, Duration.ofSeconds(10));
        TestSubscriber<Event> events = supervise(policy, ONE_FOR_ONE, 10,
                new Child("client", List.of("a", "b"), Children.downUntil(() -> clock.now(TimeUnit.MILLISECONDS), 2000, Children::echo)));

        advance(Duration.ofMinutes(1));

        assertThat(starts(events.values(), "client")).as("starts (ms)").containsExactly(0L, 100L, 300L, 700L, 1500L, 3100L);
        assertThat(outputsWithTimes(events.values())).as("outputs").containsExactly("A@3110", "B@3120");
        events.assertComplete();
    }

    @Test
    @Hint("Reset the crashes-in-a-row count when an input is handled.")
    void rxJavaAHandledInputResetsTheBackoff() {
        TestSubscriber<Event> events = supervise(RestartPolicy.backoff(Duration.ofMillis(10), Duration.ofMillis(40)), ONE_FOR_ONE, 2,
                Children.Flaky.crashing("a", 1, "b", 2).child("worker", "a", "b"));

        advance(Duration.ofSeconds(1));

        assertThat(starts(events.values(), "worker")).as("starts (ms)").containsExactly(0L, 12L, 26L, 48L);
        assertThat(outputsWithTimes(events.values())).as("outputs").containsExactly("A@14", "B@50");
    }

    @Test
    @Hint("The supervisor counts each input's crashes; at maxAttemptsPerInput it moves the input aside.")
    void rxJavaAPoisonInputIsMovedAsideAfterThreeAttempts() {
        TestSubscriber<Event> events = supervise(RestartPolicy.backoff(Duration.ofMillis(10), Duration.ofMillis(40)).withPoisonAfter(3), ONE_FOR_ONE, 2,
                Children.Flaky.crashing("p", ALWAYS).child("worker", "a", "p", "b"));

        advance(Duration.ofSeconds(1));

        assertThat(starts(events.values(), "worker")).as("starts (ms)").containsExactly(0L, 14L, 36L, 78L);
        assertThat(events.values()).filteredOn(Event.MovedAside.class::isInstance).containsExactly(new Event.MovedAside("worker", "p", 3, 38));
        assertThat(outputsWithTimes(events.values())).as("outputs").containsExactly("A@2", "B@80");
        events.assertComplete();
    }

    @Test
    @Hint("One-for-all: one retryWhen around the merge of every child.")
    void rxJavaOneForAllStopsTheSiblingsAndHandlesTheirInFlightInputAgain() {
        Children.Flaky flaky = Children.Flaky.crashing("b", 1);
        AtomicInteger dBegun = new AtomicInteger();
        BiFunction<Worker, String, Single<String>> work = (worker, input) -> Single.timer(input.compareTo("c") < 0 ? 3 : 4, TimeUnit.MILLISECONDS, clock)
                .doOnSubscribe(d -> {
                    if (input.equals("d")) {
                        dBegun.incrementAndGet();
                    }
                })
                .map(tick -> worker.handle(input));
        TestSubscriber<Event> events = new RxJavaSupervisor(RestartPolicy.backoff(Duration.ofMillis(10), Duration.ofMillis(40)), ONE_FOR_ALL, clock)
                .supervise(List.of(flaky.child("x", "a", "b"), flaky.child("y", "c", "d")), work).test();

        advance(Duration.ofSeconds(1));

        assertThat(starts(events.values(), "y")).as("y's starts: restarted with x").containsExactly(0L, 16L);
        assertThat(outputsWithTimes(events.values())).as("outputs").containsExactly("A@3", "C@4", "B@19", "D@20");
        assertThat(dBegun.get()).as("times y's worker began d").isEqualTo(2);
    }

    @Test
    @Hint("The unit that gives up fails the merge, which cancels the others; a unit told 'already gave up' completes quietly.")
    void rxJavaGivingUpEndsEveryChildAndTheParentLearnsItOnce() {
        AtomicInteger starts = new AtomicInteger();
        Child.Starter down = () -> {
            starts.incrementAndGet();
            throw new IllegalStateException(DEPENDENCY_DOWN);
        };
        TestSubscriber<Event> events = supervise(RestartPolicy.backoff(Duration.ofMillis(100), Duration.ofSeconds(10)).withIntensity(3, Duration.ofMinutes(1)),
                ONE_FOR_ONE, 1, new Child("x", List.of("a"), down), new Child("y", List.of("b"), down));

        advance(Duration.ofHours(1));

        events.assertError(e -> e instanceof EscalationException && e.getMessage().contains("child 'y'"));
        assertThat(events.values()).as("events after giving up at 100 ms").noneMatch(e -> e.at() > 100);
        assertThat(starts.get()).as("starts in the hour").isEqualTo(4);
    }

    @Test
    @Hint("Draw the jitter from the policy's random source, within ± jitter · delay and [minBackoff, maxBackoff].")
    void rxJavaJitterSpreadsTheRestartsOfChildrenThatCrashedTogether() {
        Iterator<Double> draws = Arrays.asList(0.0, 0.5, 1.0).iterator();
        RestartPolicy policy = RestartPolicy.backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0.5, draws::next);
        AtomicInteger crashesLeft = new AtomicInteger(3);
        Child.Starter downOnce = () -> {
            if (crashesLeft.getAndDecrement() > 0) {
                throw new IllegalStateException(DEPENDENCY_DOWN);
            }
            return Children.echo();
        };

        TestSubscriber<Event> events = supervise(policy, ONE_FOR_ONE, 1,
                new Child("x", List.of("a"), downOnce), new Child("y", List.of("b"), downOnce), new Child("z", List.of("c"), downOnce));
        advance(Duration.ofSeconds(1));

        assertThat(restartTimes(events.values())).as("restart times (ms)").containsExactly(100L, 125L, 150L);
    }

    @Test
    @Hint("Only an Exception is a crash: pass an Error on as it is.")
    void rxJavaAnErrorFromAWorkerIsNeverRestarted() {
        AtomicInteger starts = new AtomicInteger();
        AssertionError broken = new AssertionError("not a crash");
        TestSubscriber<Event> events = supervise(RestartPolicy.backoff(Duration.ofMillis(10), Duration.ofMillis(40)), ONE_FOR_ONE, 1,
                new Child("worker", List.of("a"), () -> {
                    starts.incrementAndGet();
                    return input -> {
                        throw broken;
                    };
                }));

        advance(Duration.ofSeconds(1));

        events.assertError(broken);
        assertThat(starts.get()).isEqualTo(1);
    }
}
