package labs.level04_coordination.lab08_barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab08 contract (see {@link Barrier} and the lab's README), checked once for every
 * implementation in {@link Barrier#IMPLEMENTATIONS}; the reports name it ({@code [5] reactor}).
 * Nothing here sleeps: parties are staged with latches and bounded waits, and the only timeout
 * that runs out on purpose is the barrier's own, in the test of a party that never arrives.
 */
class BarrierContractTest {

    static Stream<Implementation<Barrier.Opener>> implementations() {
        return Barrier.IMPLEMENTATIONS.stream();
    }

    /**
     * A phase timeout no party that arrives ever reaches, for the tests that do not break on purpose:
     * far beyond {@link Watch#BOUND}, so a bounded wait in a test fails before the barrier's own
     * timeout could rescue an implementation that never releases a party (it did, once: a 10 s
     * timeout hid a close() that cancelled nothing).
     */
    private static final Duration NEVER_REACHED = Watch.BOUND.multipliedBy(6);
    /** The phase timeout of the test in which a party never arrives: the one wait here that runs out on purpose. */
    private static final Duration SHORT = Duration.ofMillis(300);
    /** How long the lock-step guard's first party holds phase 0, watching for a party that runs ahead. */
    private static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** The bound of the overlap guard's wait for every party to be working at once. */
    private static final Duration OVERLAP_BOUND = Duration.ofSeconds(5);

    private static Barrier open(Implementation<Barrier.Opener> impl, int parties, Duration phaseTimeout) {
        return impl.create().open(parties, phaseTimeout);
    }

    /**
     * Waits in a party's work, interruptibly, until {@code latch} opens; an interrupt counts
     * {@code interrupted} down. Bounded at twice {@link Watch#BOUND}, so that a test waiting (with
     * the bound) for the interrupt fails before this party gives up on its own.
     */
    private static void awaitInParty(CountDownLatch latch, CountDownLatch interrupted) throws InterruptedException {
        awaitInParty(latch, interrupted, Watch.BOUND.multipliedBy(2));
    }

    /** The same, giving up after {@code bound}: then the run fails with this party's failure, which names it. */
    private static void awaitInParty(CountDownLatch latch, CountDownLatch interrupted, Duration bound) throws InterruptedException {
        try {
            if (!latch.await(bound.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("the test never released this party");
            }
        } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Each party works once per phase, and a phase is collected when its last party arrives: one value per party, in party order, nothing from another phase.")
    void everyPartyWorksEachPhaseExactlyOnceAndEachPhaseHoldsItsPartiesValuesInPartyOrder(Implementation<Barrier.Opener> impl) {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        List<Phase<String>> phases;
        try (Barrier barrier = open(impl, 4, NEVER_REACHED)) {
            phases = barrier.run(5, (party, phase) -> {
                String value = party + "@" + phase;
                calls.computeIfAbsent(value, k -> new AtomicInteger()).incrementAndGet();
                return value;
            });
        }

        assertThat(phases).extracting(Phase::number).as("the phases returned, in order").containsExactly(0, 1, 2, 3, 4);
        assertThat(phases).allSatisfy(p -> assertThat(p.values()).as("phase %d's values", p.number())
                .containsExactly("0@" + p.number(), "1@" + p.number(), "2@" + p.number(), "3@" + p.number()));
        assertThat(calls).as("the work calls, by party@phase").hasSize(20);
        assertThat(calls.values()).as("how often each party worked each phase").allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    /**
     * Guards against parties that run their phases without waiting for each other (a loop per party
     * with no barrier, or one that waits only now and then). Party 0 holds phase 0 — spinning, for
     * at most {@link #HOLD_NANOS} — watching for any party to begin phase 1 meanwhile. A barrier
     * never lets one, so the hold always runs out; without one, the others are in phase 1 at once.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A party may begin phase k+1 only once every party has finished phase k: what holds the fast parties back until the slowest arrives?")
    void noPartyBeginsAPhaseBeforeEveryPartyHasFinishedThePreviousOne(Implementation<Barrier.Opener> impl) {
        int parties = 3;
        AtomicIntegerArray begun = new AtomicIntegerArray(3);
        AtomicIntegerArray finished = new AtomicIntegerArray(3);
        List<String> tooEarly = new CopyOnWriteArrayList<>();
        try (Barrier barrier = open(impl, parties, NEVER_REACHED)) {
            barrier.run(3, (party, phase) -> {
                begun.incrementAndGet(phase);
                if (phase > 0 && finished.get(phase - 1) < parties) {
                    tooEarly.add("party " + party + " began phase " + phase + " when " + finished.get(phase - 1) + " of " + parties + " had finished phase " + (phase - 1));
                }
                if (party == 0 && phase == 0) {
                    long deadline = System.nanoTime() + HOLD_NANOS;
                    while (begun.get(1) == 0 && System.nanoTime() < deadline) {
                        // hold phase 0 open: a party beginning phase 1 now would run ahead of the barrier
                    }
                }
                finished.incrementAndGet(phase);
                return party;
            });
        }

        assertThat(tooEarly).as("parties that ran ahead of the barrier").isEmpty();
    }

    /**
     * Guards against the trivial "barrier" of running the parties one after another (it meets every
     * other clause): in phase 0 each party waits, bounded, until all three are working. It waits on a
     * latch, not in a spin: a spinning virtual thread would keep its carrier, and with as many
     * parties as carriers the last party could never begin.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Running the parties one after another meets every other clause. Where does each party's work run, and does anything wait for one party before starting the next?")
    void thePartiesOfAPhaseWorkAtTheSameTimeNotOneAfterAnother(Implementation<Barrier.Opener> impl) {
        CountDownLatch working = new CountDownLatch(3);
        List<String> alone = new CopyOnWriteArrayList<>();
        try (Barrier barrier = open(impl, 3, NEVER_REACHED)) {
            barrier.run(1, (party, phase) -> {
                working.countDown();
                if (!working.await(OVERLAP_BOUND.toNanos(), TimeUnit.NANOSECONDS)) {
                    alone.add("party " + party + " worked with only " + (3 - working.getCount()) + " of 3 parties begun");
                }
                return party;
            });
        }

        assertThat(alone).as("parties that worked while the others had not begun").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("The first failure must reach every party: the ones waiting at the barrier are released (broken, terminated, cancelled), the ones still working are interrupted, and nobody begins the next phase.")
    void aFailingPartyBreaksThePhaseForEveryPartyAndNoLaterPhaseBegins(Implementation<Barrier.Opener> impl) throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("boom");
        CountDownLatch party2Working = new CountDownLatch(1);
        CountDownLatch party2Interrupted = new CountDownLatch(1);
        AtomicInteger phase2Begun = new AtomicInteger();
        try (Barrier barrier = open(impl, 3, NEVER_REACHED)) {
            assertThatThrownBy(() -> barrier.run(3, (party, phase) -> {
                if (phase == 2) {
                    phase2Begun.incrementAndGet();
                }
                if (phase == 1 && party == 2) {
                    party2Working.countDown();
                    awaitInParty(new CountDownLatch(1), party2Interrupted); // works until the failure interrupts it
                }
                if (phase == 1 && party == 1) {
                    Watch.await("party 2 working in phase 1", party2Working);
                    throw boom;
                }
                return party;
            }))
                    .isInstanceOf(PartyFailedException.class)
                    .hasMessage("party 1 failed in phase 1: java.lang.IllegalStateException: boom")
                    .hasCause(boom)
                    .satisfies(e -> assertThat(((PartyFailedException) e).party()).as("the failed party").isEqualTo(1))
                    .satisfies(e -> assertThat(((BarrierBrokenException) e).phase()).as("the broken phase").isEqualTo(1));
        }

        Watch.await("party 2, still working when party 1 failed, is interrupted", party2Interrupted);
        assertThat(phase2Begun.get()).as("parties that began phase 2 after phase 1 broke").isZero();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A wait at a barrier must be bounded: await(timeout), awaitAdvanceInterruptibly(phase, timeout), timeout(...). When it runs out the phase is broken for everyone, and the missing party is interrupted or cancelled.")
    void aPartyThatNeverArrivesBreaksThePhaseInTimeForEveryParty(Implementation<Barrier.Opener> impl) throws InterruptedException {
        CountDownLatch party2Working = new CountDownLatch(1);
        CountDownLatch party2Interrupted = new CountDownLatch(1);
        AtomicInteger phase1Begun = new AtomicInteger();
        try (Barrier barrier = open(impl, 3, SHORT)) {
            assertThatThrownBy(() -> barrier.run(2, (party, phase) -> {
                if (phase == 1) {
                    phase1Begun.incrementAndGet();
                }
                if (party == 2) {
                    // Never arrives. It gives up after the watch bound, so that a barrier whose wait is
                    // unbounded ends with this party's failure — a wrong exception that names it —
                    // rather than hanging until the test's own timeout.
                    party2Working.countDown();
                    awaitInParty(new CountDownLatch(1), party2Interrupted, Watch.BOUND);
                }
                return party;
            }))
                    .isInstanceOf(PhaseTimeoutException.class)
                    .hasMessageStartingWith("phase 0 broken: ")
                    .hasMessageEndingWith(" did not arrive within 300 ms")
                    .satisfies(e -> assertThat(((PhaseTimeoutException) e).missingParties()).as("the parties missing when phase 0 broke").contains(2))
                    .satisfies(e -> assertThat(((BarrierBrokenException) e).phase()).as("the broken phase").isZero());
        }

        // Party 2 began its work on every run seen so far, and must then be interrupted. On a machine
        // so loaded that the phase broke before party 2's work even began, its step was cancelled
        // (its thread told of the failure) before it ran: released just as well, nothing to interrupt.
        if (party2Working.getCount() == 0) {
            Watch.await("party 2, which never arrived, is interrupted", party2Interrupted);
        }
        assertThat(phase1Begun.get()).as("parties that began phase 1 after phase 0 broke").isZero();
    }

    /** Not a party's failure: the JVM's or the harness's. */
    private static final class PartyError extends Error {
        PartyError(String message) {
            super(message);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Wrap a party's Exception in PartyFailedException; let an Error through as it is, after the parties have been released.")
    void anErrorThrownByAPartyIsRethrownAsItIsNotAsAPartyFailure(Implementation<Barrier.Opener> impl) {
        PartyError error = new PartyError("not a party failure");
        try (Barrier barrier = open(impl, 3, NEVER_REACHED)) {
            assertThatThrownBy(() -> barrier.run(2, (party, phase) -> {
                if (party == 1 && phase == 1) {
                    throw error;
                }
                return party;
            })).isSameAs(error);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("No value is not a value: a zip of a party that completes empty completes empty, and the phase would silently vanish. Treat it as the party's failure.")
    void aPartyThatGivesNoValueFailsThePhaseInsteadOfVanishingFromIt(Implementation<Barrier.Opener> impl) {
        try (Barrier barrier = open(impl, 3, NEVER_REACHED)) {
            assertThatThrownBy(() -> barrier.run(3, (party, phase) -> party == 1 && phase == 1 ? null : "v"))
                    .isInstanceOf(PartyFailedException.class)
                    .hasMessage("party 1 failed in phase 1: java.util.NoSuchElementException: party 1 gave no value in phase 1");
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("One party meets only itself: every phase completes as soon as it arrives.")
    void aSinglePartyMeetsOnlyItself(Implementation<Barrier.Opener> impl) {
        try (Barrier barrier = open(impl, 1, NEVER_REACHED)) {
            assertThat(barrier.run(3, (party, phase) -> "p" + phase)).as("the phases of a one-party barrier")
                    .containsExactly(new Phase<>(0, List.of("p0")), new Phase<>(1, List.of("p1")), new Phase<>(2, List.of("p2")));
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("close() during a run must break it as a failure does: every party released, the run ended with BarrierClosedException.")
    void closingTheBarrierDuringARunReleasesEveryPartyAndEndsTheRun(Implementation<Barrier.Opener> impl) throws InterruptedException {
        CountDownLatch party2Working = new CountDownLatch(1);
        CountDownLatch party2Interrupted = new CountDownLatch(1);
        Barrier barrier = open(impl, 3, NEVER_REACHED);
        Staged<List<Phase<Integer>>> run = Staged.start("lab08-test-run", () -> barrier.run(2, (party, phase) -> {
            if (party == 2) {
                party2Working.countDown();
                awaitInParty(new CountDownLatch(1), party2Interrupted);
            }
            return party;
        }));
        Watch.await("party 2 working in phase 0", party2Working);

        barrier.close();

        Result<List<Phase<Integer>>> ended = run.join();
        assertThat(ended.succeeded()).as("did the run succeed although the barrier was closed during it").isFalse();
        assertThat(ended.error()).as("what the run threw").isInstanceOf(BarrierClosedException.class)
                .hasMessage("barrier '" + barrier.name() + "' was closed during a run: every party was released");
        Watch.await("party 2 is interrupted when the barrier closes", party2Interrupted);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("After close() every run is refused at once, with one line, before any party starts; closing again is harmless.")
    void aClosedBarrierRefusesEveryLaterRunBeforeAnyPartyStarts(Implementation<Barrier.Opener> impl) {
        AtomicInteger worked = new AtomicInteger();
        Barrier barrier = open(impl, 2, NEVER_REACHED);
        barrier.close();
        barrier.close();

        assertThatThrownBy(() -> barrier.run(1, (party, phase) -> worked.incrementAndGet()))
                .isInstanceOf(IllegalStateException.class).hasMessage("barrier '" + barrier.name() + "' is closed");
        assertThat(worked.get()).as("parties that worked on a closed barrier").isZero();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("One run at a time: a second run while one is in progress is refused, and the first goes on undisturbed; once it ends the barrier takes a new run.")
    void aSecondRunWhileOneIsInProgressIsRefusedAndTheFirstGoesOn(Implementation<Barrier.Opener> impl) throws InterruptedException {
        CountDownLatch party0Working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Barrier barrier = open(impl, 2, NEVER_REACHED)) {
            Staged<List<Phase<Integer>>> first = Staged.start("lab08-test-first-run", () -> barrier.run(1, (party, phase) -> {
                if (party == 0) {
                    party0Working.countDown();
                    awaitInParty(release, new CountDownLatch(1));
                }
                return party;
            }));
            Watch.await("the first run's party 0 working", party0Working);

            assertThatThrownBy(() -> barrier.run(1, (party, phase) -> party)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("barrier '" + barrier.name() + "' is already running: one run at a time");
            release.countDown();

            assertThat(first.join().value()).as("the first run, after the second was refused").containsExactly(new Phase<>(0, List.of(0, 1)));
            assertThat(barrier.run(1, (party, phase) -> party * 10)).as("a run after the first has ended").containsExactly(new Phase<>(0, List.of(0, 10)));
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check the arguments before anything is built or started: Barrier.checkParties, checkTimeout, checkPhases, checkWork.")
    void badInputIsRejectedInOneLineBeforeAnyPartyStarts(Implementation<Barrier.Opener> impl) {
        AtomicInteger worked = new AtomicInteger();
        assertThatThrownBy(() -> open(impl, 0, NEVER_REACHED)).isInstanceOf(IllegalArgumentException.class).hasMessage("parties must be >= 1 (got 0)");
        assertThatThrownBy(() -> open(impl, -2, NEVER_REACHED)).hasMessage("parties must be >= 1 (got -2)");
        assertThatThrownBy(() -> open(impl, 2, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessage("phaseTimeout must be positive (got PT0S)");
        assertThatThrownBy(() -> open(impl, 2, Duration.ofMillis(-5))).hasMessage("phaseTimeout must be positive (got PT-0.005S)");
        assertThatThrownBy(() -> open(impl, 2, null)).isInstanceOf(NullPointerException.class).hasMessage("phaseTimeout must not be null");
        try (Barrier barrier = open(impl, 2, NEVER_REACHED)) {
            assertThatThrownBy(() -> barrier.run(0, (party, phase) -> worked.incrementAndGet()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("phases must be >= 1 (got 0)");
            assertThatThrownBy(() -> barrier.run(-1, (party, phase) -> worked.incrementAndGet())).hasMessage("phases must be >= 1 (got -1)");
            assertThatThrownBy(() -> barrier.run(2, null)).isInstanceOf(NullPointerException.class).hasMessage("work must not be null");
            assertThat(barrier.run(1, (party, phase) -> party)).as("a good run after the bad ones").hasSize(1);
        }
        assertThat(worked.get()).as("parties that worked despite bad input").isZero();
    }
}
