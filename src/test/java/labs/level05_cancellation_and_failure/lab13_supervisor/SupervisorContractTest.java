package labs.level05_cancellation_and_failure.lab13_supervisor;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.DEPENDENCY_DOWN;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Children.Flaky.ALWAYS;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Strategy.ONE_FOR_ALL;
import static labs.level05_cancellation_and_failure.lab13_supervisor.Strategy.ONE_FOR_ONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab13 contract (see {@link Supervisor} and the lab's README), checked once for every
 * implementation, in real time on the implementations' default threads. Backoffs are a few
 * milliseconds and every intensity either far out of reach or certainly exceeded, so nothing here
 * depends on how fast the machine is; exact restart times are the virtual-time tests' business.
 * Workers that must be caught mid-input wait on latches (bounded), never on the clock.
 */
class SupervisorContractTest {

    static Stream<Implementation<Supervisor.Factory>> implementations() {
        return Supervisor.IMPLEMENTATIONS.stream();
    }

    /** Backoffs of 1 to 4 ms; 100 restarts an hour: never given up on unless a test says so. */
    private static final RestartPolicy QUICK = RestartPolicy.backoff(ofMillis(1), ofMillis(4)).withIntensity(100, ofHours(1));

    private static Supervisor supervisor(Implementation<Supervisor.Factory> impl, RestartPolicy policy, Strategy strategy) {
        return impl.create().create(policy, strategy);
    }

    /** A worker that, the first time it is handed {@code held}, waits (up to the bound) to be interrupted. */
    private static final class Holding {
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        final AtomicInteger attempts = new AtomicInteger();

        Worker worker() {
            return input -> {
                if (input.equals("held") && attempts.incrementAndGet() == 1) {
                    holding.countDown();
                    try {
                        new CountDownLatch(1).await(Watch.BOUND.toMillis(), TimeUnit.MILLISECONDS); // waits until interrupted
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                }
                return input.toUpperCase(Locale.ROOT);
            };
        }
    }

    private static void await(String what, CountDownLatch latch) {
        try {
            Watch.await(what, latch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("With no crash the supervisor is a plain runner: every child started once, every input handled once, in order.")
    void everyInputIsHandledOnceInOrderWhenNothingCrashes(Implementation<Supervisor.Factory> impl) {
        List<Child> children = IntStream.range(0, 3)
                .mapToObj(c -> Children.echoing("child" + c, IntStream.range(0, 20).mapToObj(i -> "in" + c + "-" + i).toArray(String[]::new)))
                .toList();

        Report report = supervisor(impl, QUICK, ONE_FOR_ONE).run(children);

        for (Child child : children) {
            assertThat(report.outputs(child.name())).as("outputs of %s", child.name())
                    .containsExactlyElementsOf(child.inputs().stream().map(s -> s.toUpperCase(Locale.ROOT)).toList());
            assertThat(report.starts(child.name())).as("starts of %s", child.name()).isEqualTo(1);
        }
        assertThat(report.restarts()).as("restarts").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Each restart asks the starter for a NEW worker (its count starts again), and begins at the supervisor's position: inputs already handled are not redone, the one in flight is.")
    void aCrashedChildGetsAFreshWorkerThatStartsWhereTheSupervisorSaysNotFromTheBeginning(Implementation<Supervisor.Factory> impl) {
        Children.Flaky flaky = Children.Flaky.crashing("c", 1);

        Report report = supervisor(impl, QUICK, ONE_FOR_ONE)
                .run(List.of(new Child("counter", List.of("a", "b", "c", "d"), () -> flaky.around(Children.counting()))));

        assertThat(report.outputs("counter")).as("outputs: the second worker counts from 1").containsExactly("A#1", "B#2", "C#1", "D#2");
        assertThat(report.restarts()).as("restarts").hasSize(1);
        assertThat(List.of(flaky.attemptsAt("a"), flaky.attemptsAt("b"), flaky.attemptsAt("c"), flaky.attemptsAt("d")))
                .as("attempts at a, b, c, d: only c, in flight at the crash, twice").containsExactly(1, 1, 2, 1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The supervisor, not the worker, must count how often each input crashed a worker; at maxAttemptsPerInput the input is moved aside and the position moves past it.")
    void aPoisonInputIsMovedAsideAfterMaxAttemptsAndTheChildGoesOn(Implementation<Supervisor.Factory> impl) {
        Children.Flaky flaky = Children.Flaky.crashing("p", ALWAYS);

        Report report = supervisor(impl, QUICK.withPoisonAfter(3), ONE_FOR_ONE).run(List.of(flaky.child("worker", "a", "p", "b")));

        assertThat(report.outputs("worker")).as("outputs").containsExactly("A", "B");
        assertThat(report.movedAside("worker")).as("moved aside").containsExactly("p");
        assertThat(flaky.attemptsAt("p")).as("attempts at the poison input").isEqualTo(3);
        assertThat(report.crashes()).as("crashes").hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A crash whose poison was the child's last input leaves nothing to restart: the child is done.")
    void aPoisonInputThatWasTheLastLeavesNothingToRestart(Implementation<Supervisor.Factory> impl) {
        Children.Flaky flaky = Children.Flaky.crashing("p", ALWAYS);

        Report report = supervisor(impl, QUICK.withPoisonAfter(2), ONE_FOR_ONE).run(List.of(flaky.child("worker", "a", "p")));

        assertThat(report.movedAside("worker")).as("moved aside").containsExactly("p");
        assertThat(report.starts("worker")).as("starts: after the second crash nothing is left").isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A crash on start (the starter threw) happened before any input: no input may be blamed for it.")
    void aCrashOnStartBlamesNoInput(Implementation<Supervisor.Factory> impl) {
        AtomicInteger failingStarts = new AtomicInteger(2);
        Child child = new Child("client", List.of("a", "b"), () -> {
            if (failingStarts.getAndDecrement() > 0) {
                throw new IllegalStateException(DEPENDENCY_DOWN);
            }
            return Children.echo();
        });

        Report report = supervisor(impl, QUICK.withPoisonAfter(1), ONE_FOR_ONE).run(List.of(child));

        assertThat(report.movedAside("client")).as("inputs moved aside for crashes on start").isEmpty();
        assertThat(report.outputs("client")).as("outputs").containsExactly("A", "B");
        assertThat(report.crashes()).as("crashes: on start, no input").hasSize(2).allMatch(c -> c.input().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("One-for-one: the crash restarts that child alone; its siblings are never stopped nor started again.")
    void oneForOneRestartsOnlyTheChildThatCrashed(Implementation<Supervisor.Factory> impl) {
        Children.Flaky flaky = Children.Flaky.crashing("x1", 2);

        Report report = supervisor(impl, QUICK, ONE_FOR_ONE).run(List.of(flaky.child("x", "x1", "x2"), flaky.child("y", "y1", "y2", "y3")));

        assertThat(report.starts("x")).as("x's starts").isEqualTo(3);
        assertThat(report.starts("y")).as("y's starts").isEqualTo(1);
        assertThat(report.outputs("y")).as("y's outputs").containsExactly("Y1", "Y2", "Y3");
    }

    /**
     * Staged with latches: y's first worker holds its input until interrupted; x crashes only once
     * y holds it. One-for-all must stop y (interrupt it) and start it again, handling the held input
     * anew; y's output for it appears once.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("One-for-all: a crash stops the running siblings (cancel / interrupt) and restarts every child that still has inputs.")
    void oneForAllStopsARunningSiblingAndStartsItAgain(Implementation<Supervisor.Factory> impl) {
        Holding y = new Holding();
        AtomicInteger xCrashes = new AtomicInteger(1);
        Child x = new Child("x", List.of("boom"), () -> input -> {
            if (xCrashes.getAndDecrement() > 0) {
                await("y holds its input", y.holding);
                throw new IllegalStateException("x crashes while y holds");
            }
            return "BOOM";
        });

        Report report = supervisor(impl, QUICK, ONE_FOR_ALL).run(List.of(x, new Child("y", List.of("held", "next"), y::worker)));

        assertThat(y.interrupted.getCount()).as("y's first worker was interrupted").isZero();
        assertThat(report.starts("y")).as("y's starts").isEqualTo(2);
        assertThat(y.attempts.get()).as("times y was handed its held input (in flight when x crashed)").isEqualTo(2);
        assertThat(report.outputs("y")).as("y's outputs").containsExactly("HELD", "NEXT");
        assertThat(report.outputs("x")).as("x's outputs").containsExactly("BOOM");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("When the window already holds maxRestarts restarts, the next crash gives up: throw EscalationException once, with the report so far and that crash as its cause.")
    void exceedingTheIntensityEscalatesOnceWithTheReportSoFar(Implementation<Supervisor.Factory> impl) {
        AtomicInteger starts = new AtomicInteger();
        Child loop = new Child("client", List.of("a"), () -> {
            starts.incrementAndGet();
            throw new IllegalStateException(DEPENDENCY_DOWN);
        });

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> supervisor(impl, QUICK.withIntensity(3, ofHours(1)), ONE_FOR_ONE).run(List.of(loop)));

        assertThat(thrown).as("what run threw").isInstanceOf(EscalationException.class)
                .hasMessage("supervisor gave up: child 'client' crashed again after 3 restarts within 3600 s (the intensity allows no more): "
                        + "java.lang.IllegalStateException: " + DEPENDENCY_DOWN)
                .hasCauseInstanceOf(IllegalStateException.class);
        Report report = ((EscalationException) thrown).report();
        assertThat(report.restarts()).as("restarts in the report").hasSize(3);
        assertThat(report.crashes()).as("crashes in the report").hasSize(4);
        assertThat(starts.get()).as("starts: nothing after giving up").isEqualTo(4);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Giving up ends every child, including the siblings still at work: cancel (interrupt) them, do not leave them running for nobody.")
    void givingUpStopsTheSiblingsStillRunning(Implementation<Supervisor.Factory> impl) {
        Holding y = new Holding();
        Child loop = new Child("x", List.of("a"), () -> {
            await("y holds its input", y.holding);
            throw new IllegalStateException(DEPENDENCY_DOWN);
        });

        assertThatThrownBy(() -> supervisor(impl, QUICK.withIntensity(2, ofHours(1)), ONE_FOR_ONE).run(List.of(loop, new Child("y", List.of("held"), y::worker))))
                .isInstanceOf(EscalationException.class);
        await("y's worker interrupted", y.interrupted);
        assertThat(y.attempts.get()).as("y was not started again").isEqualTo(1);
    }

    /** Not a crash: the JVM's or the harness's. */
    private static final class WorkerError extends Error {
        WorkerError(String message) {
            super(message);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Only an Exception is a crash. An Error must not be restarted, nor wrapped: stop everything and let it out as it is.")
    void anErrorFromAWorkerIsRethrownAsItIsAndNeverRestarted(Implementation<Supervisor.Factory> impl) {
        WorkerError error = new WorkerError("not a crash");
        AtomicInteger starts = new AtomicInteger();

        assertThatThrownBy(() -> supervisor(impl, QUICK, ONE_FOR_ONE).run(List.of(new Child("worker", List.of("a"), () -> {
            starts.incrementAndGet();
            return input -> {
                throw error;
            };
        })))).as("what run threw").isSameAs(error);
        assertThat(starts.get()).as("starts").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A reactive stream cannot carry null: a worker returning null has crashed, and says so.")
    void aWorkerReturningNullHasCrashed(Implementation<Supervisor.Factory> impl) {
        AtomicInteger nulls = new AtomicInteger(1);

        Report report = supervisor(impl, QUICK, ONE_FOR_ONE).run(List.of(new Child("worker", List.of("a"),
                () -> input -> nulls.getAndDecrement() > 0 ? null : "A")));

        assertThat(report.crashes()).as("crashes").singleElement()
                .satisfies(crash -> assertThat(crash.cause()).isInstanceOf(NullPointerException.class).hasMessage("the worker returned null for 'a'"));
        assertThat(report.outputs("worker")).containsExactly("A");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Nothing to supervise is not an error: return an empty report at once, having started nothing.")
    void noChildrenOrNoInputsFinishAtOnceWithNothingStarted(Implementation<Supervisor.Factory> impl) {
        AtomicInteger starts = new AtomicInteger();

        assertThat(supervisor(impl, QUICK, ONE_FOR_ALL).run(List.of()).events()).as("events with no children").isEmpty();
        assertThat(supervisor(impl, QUICK, ONE_FOR_ONE).run(List.of(new Child("idle", List.of(), () -> {
            starts.incrementAndGet();
            return Children.echo();
        }))).events()).as("events with a child that has no inputs").isEmpty();
        assertThat(starts.get()).isZero();
    }

    /**
     * Cancellation from outside: the caller of {@code run} is interrupted while a child holds its
     * input. Every child is stopped (its worker interrupted) and run throws, naming the interrupt.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The thread blocked in run may be interrupted: that is a request to stop everything — stop (interrupt) every child and throw.")
    void interruptingTheCallerStopsEveryChildAndRunThrows(Implementation<Supervisor.Factory> impl) throws InterruptedException {
        Holding y = new Holding();
        Supervisor supervisor = supervisor(impl, QUICK, ONE_FOR_ONE);
        Staged<Report> caller = Staged.start("lab13-test-caller", () -> supervisor.run(List.of(new Child("y", List.of("held"), y::worker))));

        await("the child holds its input", y.holding);
        caller.thread().interrupt();

        Result<Report> outcome = caller.join();
        assertThat(outcome.succeeded()).as("run returned %s after its caller was interrupted", outcome).isFalse();
        assertThat(outcome.error()).as("what run threw").hasRootCauseInstanceOf(InterruptedException.class);
        await("the child's worker interrupted", y.interrupted);
        assertThat(y.attempts.get()).as("the child was not started again").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check the arguments before anything starts (Supervisor.checkChildren, checkPolicy, checkStrategy).")
    void badInputIsRejectedWithOneLineBeforeAnythingStarts(Implementation<Supervisor.Factory> impl) {
        AtomicInteger starts = new AtomicInteger();
        Child counted = new Child("a", List.of("x"), () -> {
            starts.incrementAndGet();
            return Children.echo();
        });
        List<Child> withNull = new ArrayList<>(List.of(counted));
        withNull.add(null);

        assertThatThrownBy(() -> supervisor(impl, QUICK, ONE_FOR_ONE).run(null)).hasMessage("children must not be null");
        assertThatThrownBy(() -> supervisor(impl, QUICK, ONE_FOR_ONE).run(withNull)).hasMessage("children[1] is null");
        assertThatThrownBy(() -> supervisor(impl, QUICK, ONE_FOR_ONE).run(List.of(counted, counted)))
                .hasMessage("child name 'a' appears twice; names must be unique");
        assertThatThrownBy(() -> supervisor(impl, null, ONE_FOR_ONE)).hasMessage("policy must not be null");
        assertThatThrownBy(() -> supervisor(impl, QUICK, null)).hasMessage("strategy must not be null");
        assertThat(starts.get()).as("children started despite bad input").isZero();
    }
}
