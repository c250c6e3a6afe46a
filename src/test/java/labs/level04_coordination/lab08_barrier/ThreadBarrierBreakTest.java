package labs.level04_coordination.lab08_barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Watch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the thread-based barriers break, and what a {@code Phaser} adds: each party's thread is
 * captured from its work, and the tests wait (bounded) until the parties they stage are parked at
 * the barrier before anything breaks it — so "how did the others learn?" has one answer per run.
 */
class ThreadBarrierBreakTest {

    /**
     * A phase timeout no party that arrives ever reaches, for the tests that do not break on purpose:
     * far beyond {@link Watch#BOUND}, so a bounded wait in a test fails before the barrier's own
     * timeout could rescue an implementation that never releases a party (it did, once: a 10 s
     * timeout hid a close() that cancelled nothing).
     */
    private static final Duration NEVER_REACHED = Watch.BOUND.multipliedBy(6);

    static Stream<Implementation<Barrier.Opener>> cyclicBarriers() {
        return Barrier.IMPLEMENTATIONS.stream().filter(i -> i.name().startsWith("cyclic-"));
    }

    static Stream<Implementation<Barrier.Opener>> phasers() {
        return Barrier.IMPLEMENTATIONS.stream().filter(i -> i.name().startsWith("phaser-"));
    }

    private static PhaserParties phaser(Implementation<Barrier.Opener> impl, int parties) {
        return (PhaserParties) impl.create().open(parties, NEVER_REACHED);
    }

    /** Party 2 fails in phase 0 once parties 0 and 1 are parked at the barrier. */
    private static BarrierBrokenException breakWhileTwoWait(Barrier barrier) {
        Map<Integer, Thread> threads = new ConcurrentHashMap<>();
        IllegalStateException boom = new IllegalStateException("party 2 fails while 0 and 1 wait");
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> barrier.run(1, (party, phase) -> {
            threads.put(party, Thread.currentThread());
            if (party == 2) {
                Watch.until("parties 0 and 1 parked at the barrier", () -> parked(threads.get(0)) && parked(threads.get(1)));
                throw boom;
            }
            return party;
        }));
        assertThat(thrown).as("what the run threw").isInstanceOf(PartyFailedException.class).hasCause(boom);
        return (BarrierBrokenException) thrown;
    }

    private static boolean parked(Thread thread) {
        return thread != null && Watch.isParked(thread);
    }

    @ParameterizedTest
    @MethodSource("cyclicBarriers")
    @Hint("reset() the CyclicBarrier at the first failure: every waiter gets a BrokenBarrierException, before any interrupt can reach it.")
    void whenAPartyFailsTheOthersWaitingAtACyclicBarrierGetBrokenBarrierException(Implementation<Barrier.Opener> impl) {
        try (Barrier barrier = impl.create().open(3, NEVER_REACHED)) {
            BarrierBrokenException broken = breakWhileTwoWait(barrier);

            assertThat(broken.getSuppressed()).as("how parties 0 and 1, waiting, learned of party 2's failure")
                    .hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(BrokenBarrierException.class));
        }
    }

    @ParameterizedTest
    @MethodSource("cyclicBarriers")
    @Hint("await(timeout): the first waiter whose timeout runs out gets the TimeoutException and breaks the barrier; every other waiter gets a BrokenBarrierException.")
    void whenAPhaseTimesOutTheFirstWaiterBreaksTheCyclicBarrierAndTheOthersGetBrokenBarrierException(Implementation<Barrier.Opener> impl)
            throws InterruptedException {
        Map<Integer, Thread> threads = new ConcurrentHashMap<>();
        AtomicBoolean bothParked = new AtomicBoolean();
        CountDownLatch stuckInterrupted = new CountDownLatch(1);
        PhaseTimeoutException broken;
        try (Barrier barrier = impl.create().open(3, Duration.ofSeconds(1))) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> barrier.run(1, (party, phase) -> {
                threads.put(party, Thread.currentThread());
                if (party == 2) {
                    // Never arrives. It first watches for parties 0 and 1 parked at the barrier
                    // (then one of them must time out while the other still waits), and is
                    // interrupted once the phase breaks, wherever it is by then.
                    while (!(parked(threads.get(0)) && parked(threads.get(1))) && !Thread.currentThread().isInterrupted()) {
                        Thread.yield();
                    }
                    bothParked.set(!Thread.currentThread().isInterrupted());
                    try {
                        new CountDownLatch(1).await(Watch.BOUND.toNanos(), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        stuckInterrupted.countDown();
                        throw e;
                    }
                }
                return party;
            }));
            assertThat(thrown).as("what the run threw").isInstanceOf(PhaseTimeoutException.class);
            broken = (PhaseTimeoutException) thrown;
        }

        assertThat(broken.missingParties()).as("the parties missing when the phase broke").contains(2);
        // Only a machine so loaded that party 1 had not even reached the barrier a full second
        // after party 0 could skip this: then nobody else was waiting when party 0 timed out.
        assumeTrue(bothParked.get(), "parties 0 and 1 were both parked at the barrier before it broke");
        Watch.await("party 2, which never arrived, is interrupted", stuckInterrupted);
        assertThat(broken.missingParties()).as("the parties missing when the phase broke").containsExactly(2);
        assertThat(broken.getSuppressed()).as("how the waiter that did not time out, and party 2 in its work, learned").hasSize(2)
                .anySatisfy(e -> assertThat(e).isInstanceOf(BrokenBarrierException.class))
                .anySatisfy(e -> assertThat(e).isInstanceOf(PartyFailedException.class).hasCauseInstanceOf(InterruptedException.class));
    }

    @ParameterizedTest
    @MethodSource("phasers")
    @Hint("A Phaser has no broken state: forceTermination() releases every waiter (awaitAdvance returns a negative phase).")
    void whenAPartyFailsTheOthersWaitingAtAPhaserAreReleasedByItsTermination(Implementation<Barrier.Opener> impl) {
        try (Barrier barrier = impl.create().open(3, NEVER_REACHED)) {
            BarrierBrokenException broken = breakWhileTwoWait(barrier);

            assertThat(broken.getSuppressed()).as("how parties 0 and 1, waiting, learned of party 2's failure")
                    .hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(CancellationException.class)
                            .hasMessage("the phaser was terminated in phase 0"));
        }
    }

    @ParameterizedTest
    @MethodSource("phasers")
    @Hint("arriveAndDeregister(): the leaving party counts for its last phase, and every later phase completes without it.")
    void aPartyThatLeavesDeregistersAndTheLaterPhasesCompleteWithoutIt(Implementation<Barrier.Opener> impl) {
        Map<String, Integer> worked = new ConcurrentHashMap<>();
        List<Phase<String>> phases;
        try (PhaserParties phaser = phaser(impl, 3)) {
            phases = phaser.run(List.of(4, 4, 2), (party, phase) -> {
                worked.merge(party + "@" + phase, 1, Integer::sum);
                return party + "@" + phase;
            });
        }

        assertThat(phases).as("the phases, party 2 leaving after phase 1").containsExactly(
                new Phase<>(0, List.of("0@0", "1@0", "2@0")),
                new Phase<>(1, List.of("0@1", "1@1", "2@1")),
                new Phase<>(2, List.of("0@2", "1@2")),
                new Phase<>(3, List.of("0@3", "1@3")));
        assertThat(worked.keySet()).as("what party 2 worked").filteredOn(k -> k.startsWith("2@")).containsExactlyInAnyOrder("2@0", "2@1");
    }

    /**
     * Guards against a leaving party that waits for its last phase to complete before it
     * deregisters (arriveAndAwaitAdvance, then arriveAndDeregister): party 0 holds phase 0 open
     * until party 2's thread has ended. A party that leaves waits for nobody, so it ends; one that
     * waits would wait for party 0 for ever, and the bounded watch fails the run.
     */
    @ParameterizedTest
    @MethodSource("phasers")
    @Hint("Leaving is arriveAndDeregister(): it arrives for this phase and returns at once — it must not wait for the phase to complete.")
    void aPartyThatLeavesWaitsForNobody(Implementation<Barrier.Opener> impl) {
        Map<Integer, Thread> threads = new ConcurrentHashMap<>();
        List<Phase<Integer>> phases;
        try (PhaserParties phaser = phaser(impl, 3)) {
            phases = phaser.run(List.of(2, 2, 1), (party, phase) -> {
                threads.put(party, Thread.currentThread());
                if (party == 0 && phase == 0) {
                    Watch.until("party 2 has left and its thread has ended", () -> threads.containsKey(2) && !threads.get(2).isAlive());
                }
                return party;
            });
        }

        assertThat(phases).as("the phases, party 2 leaving after phase 0")
                .containsExactly(new Phase<>(0, List.of(0, 1, 2)), new Phase<>(1, List.of(0, 1)));
    }

    @Test
    void unevenStaysAreCheckedBeforeAnyPartyStarts() {
        try (PhaserParties phaser = PhaserParties.platform(3, NEVER_REACHED)) {
            PartyWork<Integer> work = (party, phase) -> {
                throw new AssertionError("no party may start on bad input");
            };
            assertThatThrownBy(() -> phaser.run(List.of(2, 2), work)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("phasesOfEachParty must give one phase count per party: 3 expected (got 2)");
            assertThatThrownBy(() -> phaser.run(List.of(2, 0, 2), work)).hasMessage("party 1 must stay for >= 1 phase (got 0)");
            assertThatThrownBy(() -> phaser.run(java.util.Arrays.asList(2, null, 2), work)).hasMessage("party 1 must stay for >= 1 phase (got null)");
            assertThatThrownBy(() -> phaser.run((List<Integer>) null, work)).isInstanceOf(NullPointerException.class)
                    .hasMessage("phasesOfEachParty must not be null");
        }
    }
}
