package labs.level05_cancellation_and_failure.lab13_supervisor;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.DEPENDENCY_DOWN;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.Flaky.ALWAYS;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.outputsWithTimes;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.restartTimes;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.starts;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Strategy.ONE_FOR_ALL;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Strategy.ONE_FOR_ONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import labs.support.Hint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.test.subscriber.TestSubscriber;

/**
 * The supervisor's failure themes, injected into the shipped Reactor core —
 * {@link ReactorSupervisor#supervise(List, BiFunction)} given a virtual-time scheduler — so an
 * hour of crashes and restarts runs in milliseconds and every restart time is exact, the same on
 * every run. Each input "takes" its time on the virtual clock before the worker's call; jitter,
 * where a test has it, comes from a scripted source.
 */
class ReactorSupervisorInVirtualTimeTest {

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    @AfterEach
    void disposeTheClock() {
        clock.dispose();
    }

    /** Each input takes {@code time} on the virtual clock, then the worker's own call. */
    private BiFunction<Worker, String, Mono<String>> takes(Duration time) {
        return Children.takes(clock, time);
    }

    private TestSubscriber<Event> supervise(RestartPolicy policy, Strategy strategy, Duration perInput, Child... children) {
        TestSubscriber<Event> events = TestSubscriber.create();
        new ReactorSupervisor(policy, strategy, clock).supervise(List.of(children), takes(perInput)).subscribe(events);
        return events;
    }

    private long now() {
        return clock.now(TimeUnit.MILLISECONDS);
    }

    /** The uniform draws a test scripts for the jitter, in order. */
    private static java.util.function.DoubleSupplier scripted(double... draws) {
        Iterator<Double> next = java.util.Arrays.stream(draws).boxed().iterator();
        return next::next;
    }

    @Test
    @Hint("A restart waits minBackoff · 2^k (k = the crashes in a row), capped at maxBackoff, on the scheduler's clock: Mono.delay on the scheduler the core was given.")
    void anHourOfCrashLoopTakesMillisecondsAndEveryRestartComesExactlyAtItsBackoff() {
        RestartPolicy policy = RestartPolicy.backoff(ofSeconds(1), ofSeconds(60)).withIntensity(10, ofMinutes(5));
        AtomicInteger starts = new AtomicInteger();
        TestSubscriber<Event> events = supervise(policy, ONE_FOR_ONE, ofMillis(10), new Child("db-client", List.of("query"), () -> {
            starts.incrementAndGet();
            throw new IllegalStateException(DEPENDENCY_DOWN);
        }));

        clock.advanceTimeBy(Duration.ofHours(1));

        List<Long> seconds = restartTimes(events.getReceivedOnNext()).stream().map(ms -> ms / 1000).toList();
        assertThat(seconds.subList(0, 8)).as("the first restarts (s): 1 s doubling at each crash in a row, then the 60 s cap")
                .containsExactly(1L, 3L, 7L, 15L, 31L, 63L, 123L, 183L);
        assertThat(seconds.subList(5, seconds.size())).as("every restart from the last doubling on (s): 60 s apart")
                .containsExactlyElementsOf(LongStream.iterate(63, s -> s <= 3600, s -> s + 60).boxed().toList());
        assertThat(restartTimes(events.getReceivedOnNext())).as("restarts at whole seconds (no jitter)").allMatch(ms -> ms % 1000 == 0);
        assertThat(starts.get()).as("starts in the hour: the first and 64 restarts").isEqualTo(65);
        assertThat(events.isTerminated()).as("still supervising after an hour: a restart a minute never exceeds 10 per 5 min").isFalse();
        events.cancel();
    }

    /**
     * Guards against restarting at once: the dependency is down for 2 s. With the backoff the
     * supervisor waits it out in five restarts (0.1, 0.3, 0.7, 1.5, 3.1 s) and the child does its
     * work; a retry without backoff spends all five restarts in the same instant and gives up
     * ({@code NoBackoffSupervisorTest} runs it through this very scenario).
     */
    @Test
    @Hint("Without a delay between restarts, a 2 s outage spends the whole restart budget in its first instant. Wait minBackoff · 2^k before each restart.")
    void aTwoSecondOutageIsRiddenOutWithBackoff() {
        RestartPolicy policy = RestartPolicy.backoff(ofMillis(100), ofSeconds(10)).withIntensity(5, ofSeconds(10));
        TestSubscriber<Event> events = supervise(policy, ONE_FOR_ONE, ofMillis(10),
                new Child("client", List.of("a", "b"), Children.downUntil(this::now, 2000, Children::echo)));

        clock.advanceTimeBy(ofMinutes(1));

        assertThat(starts(events.getReceivedOnNext(), "client")).as("starts (ms): four while the dependency is down, the fifth restart after it is back")
                .containsExactly(0L, 100L, 300L, 700L, 1500L, 3100L);
        assertThat(outputsWithTimes(events.getReceivedOnNext())).as("outputs").containsExactly("A@3110", "B@3120");
        assertThat(events.isTerminatedComplete()).as("completed, not escalated: %s", events.getTerminalSignal()).isTrue();
    }

    @Test
    @Hint("Count the crashes in a row since the last handled input, not since the child began: a success resets the backoff to minBackoff.")
    void aHandledInputResetsTheBackoffAsTransientErrorsDo() {
        Children.Flaky flaky = Children.Flaky.crashing("a", 1, "b", 2);
        TestSubscriber<Event> events = supervise(RestartPolicy.backoff(ofMillis(10), ofMillis(40)), ONE_FOR_ONE, ofMillis(2),
                flaky.child("worker", "a", "b"));

        clock.advanceTimeBy(ofSeconds(1));

        // a crashes at 2 (restart +10 = 12), a handled at 14; b crashes at 16: +10 again (reset), not +20; b again at 28: +20.
        assertThat(starts(events.getReceivedOnNext(), "worker")).as("starts (ms)").containsExactly(0L, 12L, 26L, 48L);
        assertThat(outputsWithTimes(events.getReceivedOnNext())).as("outputs").containsExactly("A@14", "B@50");
        assertThat(events.isTerminatedComplete()).isTrue();
    }

    @Test
    @Hint("Count the crashes each input causes in the supervisor (it outlives the workers); at maxAttemptsPerInput, move the position past it.")
    void aPoisonInputIsMovedAsideAfterThreeAttemptsAndTheNextInputIsHandled() {
        Children.Flaky flaky = Children.Flaky.crashing("p", ALWAYS);
        TestSubscriber<Event> events = supervise(RestartPolicy.backoff(ofMillis(10), ofMillis(40)).withPoisonAfter(3), ONE_FOR_ONE, ofMillis(2),
                flaky.child("worker", "a", "p", "b"));

        clock.advanceTimeBy(ofSeconds(1));

        List<Event> seen = events.getReceivedOnNext();
        assertThat(starts(seen, "worker")).as("starts (ms)").containsExactly(0L, 14L, 36L, 78L);
        assertThat(seen).filteredOn(Event.MovedAside.class::isInstance).as("moved aside")
                .containsExactly(new Event.MovedAside("worker", "p", 3, 38));
        assertThat(outputsWithTimes(seen)).as("outputs: p never, b after it").containsExactly("A@2", "B@80");
        assertThat(flaky.attemptsAt("p")).as("attempts at the poison input").isEqualTo(3);
        assertThat(events.isTerminatedComplete()).isTrue();
    }

    @Test
    @Hint("Every restart must ask the child's starter for a new worker (Flux.defer), and start from the supervisor's position, not from the first input.")
    void whatAWorkerKeptIsLostOnRestartWhileTheSupervisorsProgressSurvives() {
        Children.Flaky flaky = Children.Flaky.crashing("c", 1);
        TestSubscriber<Event> events = supervise(RestartPolicy.backoff(ofMillis(10), ofMillis(40)), ONE_FOR_ONE, ofMillis(1),
                new Child("counter", List.of("a", "b", "c", "d"), () -> flaky.around(Children.counting())));

        clock.advanceTimeBy(ofSeconds(1));

        assertThat(new Report(events.getReceivedOnNext()).outputs("counter")).as("outputs: the new worker counts from 1 again; a and b are not redone")
                .containsExactly("A#1", "B#2", "C#1", "D#2");
        assertThat(flaky.attemptsAt("a")).as("attempts at a (handled before the crash)").isEqualTo(1);
        assertThat(flaky.attemptsAt("c")).as("attempts at c (in flight at the crash)").isEqualTo(2);
    }

    @Test
    @Hint("One-for-one: a retry per child, so a crash resubscribes that child alone.")
    void oneForOneRestartsOnlyTheChildThatCrashed() {
        Children.Flaky flaky = Children.Flaky.crashing("b", 1);
        TestSubscriber<Event> events = supervise(RestartPolicy.backoff(ofMillis(10), ofMillis(40)), ONE_FOR_ONE, ofMillis(4),
                flaky.child("x", "a", "b"), flaky.child("y", "c", "d", "e"));

        clock.advanceTimeBy(ofSeconds(1));

        List<Event> seen = events.getReceivedOnNext();
        assertThat(starts(seen, "x")).as("x's starts").containsExactly(0L, 18L);
        assertThat(starts(seen, "y")).as("y's starts: never restarted").containsExactly(0L);
        assertThat(outputsWithTimes(seen)).as("outputs").containsExactly("A@4", "C@4", "D@8", "E@12", "B@22");
    }

    @Test
    @Hint("One-for-all: one retry around the merge of every child — a crash ends the merge, which cancels the siblings, and the retry starts them all again.")
    void oneForAllStopsTheSiblingsAndHandlesTheirInFlightInputAgain() {
        Children.Flaky flaky = Children.Flaky.crashing("b", 1);
        AtomicInteger dSubscribed = new AtomicInteger();
        BiFunction<Worker, String, Mono<String>> work = (worker, input) -> Mono.delay(ofMillis(input.compareTo("c") < 0 ? 3 : 4), clock)
                .doOnSubscribe(s -> {
                    if (input.equals("d")) {
                        dSubscribed.incrementAndGet();
                    }
                })
                .then(Mono.fromCallable(() -> worker.handle(input)));
        TestSubscriber<Event> events = TestSubscriber.create();
        new ReactorSupervisor(RestartPolicy.backoff(ofMillis(10), ofMillis(40)), ONE_FOR_ALL, clock)
                .supervise(List.of(flaky.child("x", "a", "b"), flaky.child("y", "c", "d")), work).subscribe(events);

        clock.advanceTimeBy(ofSeconds(1));

        List<Event> seen = events.getReceivedOnNext();
        // x: a at 3, b crashes at 6 — y's d, started at 4, is cancelled; both restart at 16.
        assertThat(starts(seen, "x")).as("x's starts").containsExactly(0L, 16L);
        assertThat(starts(seen, "y")).as("y's starts: restarted with x").containsExactly(0L, 16L);
        assertThat(outputsWithTimes(seen)).as("outputs: d only from y's second worker").containsExactly("A@3", "C@4", "B@19", "D@20");
        assertThat(dSubscribed.get()).as("times y's worker began d (in flight at x's crash, so begun again)").isEqualTo(2);
        assertThat(events.isTerminatedComplete()).isTrue();
    }

    /**
     * A one-for-all unit whose first child fails to start at once. At 0 the virtual scheduler runs
     * x's start inline, so x crashes while the merge is still subscribing the unit's children and y is
     * never reached; at 10 and 30 y is subscribed (announced) and cancelled by x's crash before its
     * own start runs; at 70 x's dependency is back. A sibling the merge never reached must not use up
     * an incarnation number: y's are 1, 2, 3, not 2, 3, 4.
     */
    @Test
    @Hint("Number an incarnation when it is subscribed (Flux.defer around it), not when the unit's merge is assembled: the merge may be cancelled before it reaches a sibling.")
    void aSiblingTheUnitNeverReachedUsesUpNoIncarnationNumber() {
        AtomicInteger yStarts = new AtomicInteger();
        TestSubscriber<Event> events = supervise(RestartPolicy.backoff(ofMillis(10), ofMillis(40)), ONE_FOR_ALL, ofMillis(1),
                new Child("x", List.of("a"), Children.downUntil(this::now, 50, Children::echo)),
                new Child("y", List.of("b"), () -> {
                    yStarts.incrementAndGet();
                    return Children.echo();
                }));

        clock.advanceTimeBy(ofSeconds(1));

        List<Event> seen = events.getReceivedOnNext();
        assertThat(starts(seen, "x")).as("x's starts (ms): down until 50").containsExactly(0L, 10L, 30L, 70L);
        assertThat(seen).filteredOn(e -> e instanceof Event.Started && e.child().equals("y")).as("y's announced starts: numbered from 1, none skipped for the round at 0 that never reached y")
                .containsExactly(new Event.Started("y", 1, 10), new Event.Started("y", 2, 30), new Event.Started("y", 3, 70));
        assertThat(yStarts.get()).as("times y's starter ran (at 10 and 30 x's crash cancelled it first)").isEqualTo(1);
        assertThat(outputsWithTimes(seen)).as("outputs").containsExactly("A@71", "B@71");
        assertThat(events.isTerminatedComplete()).isTrue();
    }

    @Test
    @Hint("Give up once the window already holds maxRestarts restarts: fail the stream with EscalationException, whose cause is that crash and whose report has what came before.")
    void exceedingTheIntensityEscalatesWithTheReportSoFarAndTheLastCrash() {
        RestartPolicy policy = RestartPolicy.backoff(ofMillis(10), ofMillis(40)).withIntensity(2, ofSeconds(1)).withPoisonAfter(100);
        Children.Flaky flaky = Children.Flaky.crashing("a", ALWAYS);

        StepVerifier.withVirtualTime(() -> new ReactorSupervisor(policy, ONE_FOR_ONE, VirtualTimeScheduler.get())
                        .supervise(List.of(flaky.child("worker", "a")), (worker, input) -> Mono.delay(ofMillis(2)).then(Mono.fromCallable(() -> worker.handle(input))))
                        .filter(Event.Started.class::isInstance).map(Event::at))
                .expectNext(0L)
                .expectNoEvent(ofMillis(12)).expectNext(12L)   // crashed at 2, restarted after 10
                .expectNoEvent(ofMillis(22)).expectNext(34L)   // crashed at 14, restarted after 20
                .expectNoEvent(ofMillis(2))                    // crashes at 36: two restarts within 1 s already
                .expectErrorSatisfies(e -> {
                    assertThat(e).as("what the stream failed with").isInstanceOf(EscalationException.class)
                            .hasMessage("supervisor gave up: child 'worker' crashed again after 2 restarts within 1 s (the intensity allows no more): "
                                    + "java.lang.IllegalStateException: a crashes the worker")
                            .hasCauseInstanceOf(IllegalStateException.class);
                    Report report = ((EscalationException) e).report();
                    assertThat(report.restarts()).as("restarts in the escalation's report").hasSize(2);
                    assertThat(report.crashes()).extracting(Event::at).as("crashes in the report (ms)").containsExactly(2L, 14L, 36L);
                })
                .verify();
    }

    /**
     * Two children crash together, again and again: the crash that exceeds the intensity gives up,
     * and the parent hears it once. Nothing starts afterwards — the other child's pending restart is
     * cancelled with everything else — even an hour later.
     */
    @Test
    @Hint("When one restart unit gives up, the others must stop too: the merge's error cancels them, and a unit that hears 'already gave up' completes quietly instead of failing a second time.")
    void givingUpEndsEveryChildAndTheParentLearnsItOnce() {
        AtomicInteger starts = new AtomicInteger();
        Child.Starter down = () -> {
            starts.incrementAndGet();
            throw new IllegalStateException(DEPENDENCY_DOWN);
        };
        RestartPolicy policy = RestartPolicy.backoff(ofMillis(100), ofSeconds(10)).withIntensity(3, ofMinutes(1));
        List<Throwable> errors = new ArrayList<>();
        List<Event> seen = new ArrayList<>();
        new ReactorSupervisor(policy, ONE_FOR_ONE, clock)
                .supervise(List.of(new Child("x", List.of("a"), down), new Child("y", List.of("b"), down)), takes(ofMillis(1)))
                .subscribe(seen::add, errors::add);

        clock.advanceTimeBy(Duration.ofHours(1));

        // t=0: x and y crash (restarts 1 and 2); t=100: x crashes (restart 3), y crashes: over the intensity.
        assertThat(errors).as("errors the parent received").hasSize(1);
        assertThat(errors.getFirst()).isInstanceOf(EscalationException.class).hasMessageContaining("child 'y'");
        assertThat(seen).as("events after giving up at 100 ms").noneMatch(e -> e.at() > 100);
        assertThat(starts.get()).as("starts in the hour (x's restart due at 300 ms never happens)").isEqualTo(4);
    }

    @Test
    @Hint("Jitter moves each delay by up to ± jitter · delay, drawn from the policy's random source, never below minBackoff nor above maxBackoff.")
    void jitterSpreadsTheRestartsOfChildrenThatCrashedTogether() {
        RestartPolicy policy = RestartPolicy.backoff(ofMillis(100), ofSeconds(1)).withJitter(0.5, scripted(0.0, 0.5, 1.0));
        AtomicInteger crashesLeft = new AtomicInteger(3);
        Child.Starter downOnce = () -> {
            if (crashesLeft.getAndDecrement() > 0) {
                throw new IllegalStateException(DEPENDENCY_DOWN);
            }
            return Children.echo();
        };

        TestSubscriber<Event> events = supervise(policy, ONE_FOR_ONE, ofMillis(1),
                new Child("x", List.of("a"), downOnce), new Child("y", List.of("b"), downOnce), new Child("z", List.of("c"), downOnce));
        clock.advanceTimeBy(ofSeconds(1));

        // All three crash at 0 on the same dependency; 100 ms plus 0, 25 and 50 ms of jitter (at minBackoff it only adds).
        assertThat(restartTimes(events.getReceivedOnNext())).as("restart times (ms): spread, not a herd at 100").containsExactly(100L, 125L, 150L);
    }

    @Test
    @Hint("Only an Exception is a crash. The retry's companion must pass an Error on as it is, not restart it.")
    void anErrorFromAWorkerIsNotACrashAndIsNeverRestarted() {
        AtomicInteger starts = new AtomicInteger();
        AssertionError broken = new AssertionError("not a crash: the harness");
        TestSubscriber<Event> events = supervise(RestartPolicy.backoff(ofMillis(10), ofMillis(40)), ONE_FOR_ONE, ofMillis(1),
                new Child("worker", List.of("a"), () -> {
                    starts.incrementAndGet();
                    return input -> {
                        throw broken;
                    };
                }));

        clock.advanceTimeBy(ofSeconds(1));

        assertThat(events.expectTerminalError()).as("what the stream failed with").isSameAs(broken);
        assertThat(starts.get()).as("starts: the Error was not restarted").isEqualTo(1);
    }

    @Test
    @Hint("A child with no inputs has nothing to do: start only children that still have inputs.")
    void aChildWithNoInputsIsNeverStartedAndTheRunCompletesAtOnce() {
        AtomicInteger starts = new AtomicInteger();
        TestSubscriber<Event> events = supervise(RestartPolicy.backoff(ofMillis(10), ofMillis(40)), ONE_FOR_ALL, ofMillis(1),
                new Child("idle", List.of(), () -> {
                    starts.incrementAndGet();
                    return Children.echo();
                }));

        assertThat(events.isTerminatedComplete()).as("completed at once").isTrue();
        assertThat(starts.get()).isZero();
    }
}
