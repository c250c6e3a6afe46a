package labs.level04_coordination.lab08_barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The failure themes on the reactive cores, in virtual time: the shipped
 * {@link ReactorLockStep#phases(int, ReactorLockStep.Step)} and
 * {@link RxJavaLockStep#phases(int, RxJavaLockStep.Step)}, given a virtual-time scheduler for the
 * parties and for the timer, and timed steps: a party "works" its duration on the virtual clock. An
 * hour of phases finishes in milliseconds, and what the clock shows is exact — a slow party is
 * shown setting every phase's time, not asserted by a wall clock.
 */
class ReactiveLockStepInVirtualTimeTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration HOUR = Duration.ofHours(1);

    /** How long party {@code party} works in phase {@code phase}. */
    @FunctionalInterface
    private interface Durations {
        Duration of(int party, int phase);
    }

    /** The Reactor core on the virtual clock; each step records when it began, then emits "party@phase" after its duration. */
    private static Flux<Phase<String>> lockStep(int parties, int phases, Duration timeout, Durations durations, List<String> begun) {
        Scheduler clock = VirtualTimeScheduler.get();
        return new ReactorLockStep(parties, timeout, clock, clock).phases(phases, (party, phase) -> Mono.defer(() -> {
            begun.add(party + "@" + phase + " at " + clock.now(TimeUnit.SECONDS) + " s");
            return Mono.delay(durations.of(party, phase), clock).thenReturn(party + "@" + phase);
        }));
    }

    private static Phase<String> phase(int number, int parties) {
        return new Phase<>(number, java.util.stream.IntStream.range(0, parties).mapToObj(p -> p + "@" + number).toList());
    }

    @Test
    @Hint("A phase is the zip of its parties: it completes when the last one arrives, and the next phase's work is subscribed only then (concatMap).")
    void aPhaseEndsWhenItsSlowestPartyArrivesAndTheNextBeginsOnlyThen() {
        List<String> begun = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> lockStep(3, 2, HOUR, (party, phase) -> phase == 0 && party == 2 ? Duration.ofSeconds(10) : SECOND, begun))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(10))
                .expectNext(phase(0, 3))             // t=10s: party 2, the slowest, arrives
                .expectNoEvent(SECOND)
                .expectNext(phase(1, 3))             // t=11s: every party began phase 1 at 10 s
                .verifyComplete();

        assertThat(begun).as("when each party began each phase").containsExactlyInAnyOrder(
                "0@0 at 0 s", "1@0 at 0 s", "2@0 at 0 s", "0@1 at 10 s", "1@1 at 10 s", "2@1 at 10 s");
    }

    @Test
    @Hint("Lock-step means every phase waits for the slowest party: the fast ones are done in a second and idle for the rest of the hour.")
    void aSlowPartySetsThePaceOfEveryPhase() {
        List<String> begun = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> lockStep(3, 3, Duration.ofHours(2), (party, phase) -> party == 0 ? HOUR : SECOND, begun))
                .expectSubscription()
                .expectNoEvent(HOUR).expectNext(phase(0, 3))
                .expectNoEvent(HOUR).expectNext(phase(1, 3))
                .expectNoEvent(HOUR).expectNext(phase(2, 3))
                .verifyComplete();

        assertThat(begun).as("when the fast party 1 began each phase: on the slow party's hour, never on its own second")
                .filteredOn(b -> b.startsWith("1@")).containsExactly("1@0 at 0 s", "1@1 at 3600 s", "1@2 at 7200 s");
    }

    @Test
    @Hint("timeout(phaseTimeout) on the phase's zip counts from the phase's start; when it fires it cancels the zip, and so the missing party's step.")
    void aPartyThatNeverArrivesBreaksThePhaseOneTimeoutAfterThePhaseBegan() {
        List<String> begun = new CopyOnWriteArrayList<>();
        AtomicInteger cancelled = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> {
                    Scheduler clock = VirtualTimeScheduler.get();
                    return new ReactorLockStep(3, Duration.ofSeconds(5), clock, clock).phases(3, (party, phase) -> Mono.defer(() -> {
                        begun.add(party + "@" + phase);
                        return party == 2 && phase == 1
                                ? Mono.<String>never().doOnCancel(cancelled::incrementAndGet)
                                : Mono.delay(SECOND, clock).thenReturn(party + "@" + phase);
                    }));
                })
                .expectSubscription()
                .expectNoEvent(SECOND).expectNext(phase(0, 3))
                .expectNoEvent(Duration.ofSeconds(5))        // phase 1 began at 1 s; parties 0 and 1 arrive at 2 s
                .expectErrorSatisfies(e -> assertThat(e).as("the error at 6 s").isInstanceOf(PhaseTimeoutException.class)
                        .hasMessage("phase 1 broken: party 2 did not arrive within 5000 ms"))
                .verify();

        assertThat(cancelled.get()).as("the missing party's step, cancelled when the phase broke").isEqualTo(1);
        assertThat(begun).as("steps begun: nothing of phase 2").noneMatch(b -> b.endsWith("@2"));
    }

    @Test
    @Hint("Mono.zip fails as soon as one source fails, and cancels the others; concatMap then subscribes no further phase.")
    void aFailingPartyEndsTheRunAtOnceCancellingTheOthersAndNoLaterPhaseBegins() {
        List<String> begun = new CopyOnWriteArrayList<>();
        AtomicInteger cancelled = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> {
                    Scheduler clock = VirtualTimeScheduler.get();
                    return new ReactorLockStep(3, HOUR, clock, clock).phases(3, (party, phase) -> Mono.defer(() -> {
                        begun.add(party + "@" + phase);
                        if (phase == 1 && party == 1) {
                            return Mono.delay(SECOND, clock).then(Mono.error(new IllegalStateException("party 1 fails at 2 s")));
                        }
                        Duration time = phase == 1 ? Duration.ofSeconds(5) : SECOND;
                        return Mono.delay(time, clock).thenReturn(party + "@" + phase).doOnCancel(cancelled::incrementAndGet);
                    }));
                })
                .expectSubscription()
                .expectNoEvent(SECOND).expectNext(phase(0, 3))
                .expectNoEvent(SECOND)
                .expectErrorSatisfies(e -> assertThat(e).as("the error at 2 s").isInstanceOf(PartyFailedException.class)
                        .hasMessage("party 1 failed in phase 1: java.lang.IllegalStateException: party 1 fails at 2 s"))
                .verify();

        assertThat(cancelled.get()).as("the other parties of phase 1, cancelled at 2 s").isEqualTo(2);
        assertThat(begun).as("steps begun: nothing of phase 2").noneMatch(b -> b.endsWith("@2"));
    }

    @Test
    @Hint("A zip cannot lose a source: a step that completes empty must fail its phase (switchIfEmpty), or the phase vanishes.")
    void aPartyThatLeavesAZipFailsThePhaseItLeftInsteadOfEmptyingIt() {
        StepVerifier.withVirtualTime(() -> {
                    Scheduler clock = VirtualTimeScheduler.get();
                    return new ReactorLockStep(3, HOUR, clock, clock).phases(3, (party, phase) -> party == 2 && phase == 1
                            ? Mono.delay(SECOND, clock).then(Mono.<String>empty())
                            : Mono.delay(SECOND, clock).thenReturn(party + "@" + phase));
                })
                .expectSubscription()
                .expectNoEvent(SECOND).expectNext(phase(0, 3))
                .expectNoEvent(SECOND)
                .thenAwait(SECOND)                   // a core that let phase 1 vanish would emit phase 2 now
                .expectErrorSatisfies(e -> assertThat(e).as("the error at 2 s").isInstanceOf(PartyFailedException.class)
                        .hasMessage("party 2 failed in phase 1: java.util.NoSuchElementException: party 2 gave no value in phase 1"))
                .verify();
    }

    /** Why the core checks for an empty step: without it, Mono.zip completes empty and concatMap moves on. */
    @Test
    void withoutTheEmptyCheckAPhaseAPartyLeftWouldSilentlyVanish() {
        StepVerifier.create(Flux.range(0, 3).concatMap(phase -> Mono.zip(Mono.just("0@" + phase),
                        phase == 1 ? Mono.<String>empty() : Mono.just("1@" + phase), (a, b) -> phase)))
                .expectNext(0, 2)                    // phase 1 is simply not there: no error, no value
                .verifyComplete();
    }

    /**
     * Why the core is phase by phase and not a zip of one stream per party: {@code Flux.zip} asks
     * every source for its prefetch ahead, so the fast party works its phases at 1, 2 and 3 s while
     * the slow one has not finished phase 0 (10 s). The same durations through the core hold it to
     * the slow party's pace (see {@link #aPhaseEndsWhenItsSlowestPartyArrivesAndTheNextBeginsOnlyThen}).
     */
    @Test
    void aZipOfOneStreamPerPartyLetsAFastPartyRunPhasesAheadOfTheBarrier() {
        List<String> begun = new CopyOnWriteArrayList<>();
        StepVerifier.withVirtualTime(() -> {
                    Scheduler clock = VirtualTimeScheduler.get();
                    return Flux.zip(party(0, SECOND, clock, begun), party(1, Duration.ofSeconds(10), clock, begun));
                })
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(30))
                .expectNextCount(3)
                .verifyComplete();

        assertThat(begun).as("when the fast party 0 began each phase").filteredOn(b -> b.startsWith("0@"))
                .containsExactly("0@0 at 0 s", "0@1 at 1 s", "0@2 at 2 s");
    }

    private static Flux<Integer> party(int party, Duration each, Scheduler clock, List<String> begun) {
        return Flux.range(0, 3).concatMap(phase -> Mono.defer(() -> {
            begun.add(party + "@" + phase + " at " + clock.now(TimeUnit.SECONDS) + " s");
            return Mono.delay(each, clock).thenReturn(phase);
        }));
    }

    /** Each step's Mono is subscribed on the party scheduler given to the constructor, not on a hard-wired one. */
    @Test
    @Hint("subscribeOn the party scheduler the constructor was given.")
    void theStepsRunOnThePartySchedulerTheCoreWasGiven() {
        Scheduler parties = Schedulers.newSingle("lab08-test-parties");
        try {
            Phase<String> phase = new ReactorLockStep(2, HOUR, parties, Schedulers.parallel())
                    .phases(1, (party, p) -> Mono.fromCallable(() -> Thread.currentThread().getName())).blockFirst();
            assertThat(phase.values()).as("the threads the steps ran on").allSatisfy(t -> assertThat(t).startsWith("lab08-test-parties"));
        } finally {
            parties.dispose();
        }
    }

    @Test
    void theCoresRejectBadInputBeforeAnythingIsBuilt() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        assertThatThrownBy(() -> new ReactorLockStep(0, HOUR, clock, clock)).hasMessage("parties must be >= 1 (got 0)");
        assertThatThrownBy(() -> new ReactorLockStep(2, HOUR, null, clock)).hasMessage("partyScheduler must not be null");
        assertThatThrownBy(() -> new ReactorLockStep(2, HOUR, clock, null)).hasMessage("timer must not be null");
        assertThatThrownBy(() -> new ReactorLockStep(2, HOUR, clock, clock).phases(0, (party, phase) -> Mono.just(1))).hasMessage("phases must be >= 1 (got 0)");
        assertThatThrownBy(() -> new ReactorLockStep(2, HOUR, clock, clock).phases(1, null)).hasMessage("work must not be null");
        TestScheduler rx = new TestScheduler();
        assertThatThrownBy(() -> new RxJavaLockStep(-1, HOUR, rx, rx)).hasMessage("parties must be >= 1 (got -1)");
        assertThatThrownBy(() -> new RxJavaLockStep(2, Duration.ZERO, rx, rx)).hasMessage("phaseTimeout must be positive (got PT0S)");
        assertThatThrownBy(() -> new RxJavaLockStep(2, HOUR, rx, rx).phases(0, (party, phase) -> Single.just(1))).hasMessage("phases must be >= 1 (got 0)");
        clock.dispose();
    }

    // RxJava: the same themes on a TestScheduler, moved by hand.

    private static TestSubscriber<Phase<String>> rxLockStep(TestScheduler clock, int parties, int phases, Duration timeout, RxJavaLockStep.Step<String> step) {
        return new RxJavaLockStep(parties, timeout, clock, clock).phases(phases, step).test();
    }

    @Test
    @Hint("Same as Reactor: a phase is the zip of its parties, and the next phase is subscribed only when it has completed.")
    void rxJavaAPhaseEndsWhenItsSlowestPartyArrives() {
        TestScheduler clock = new TestScheduler();
        List<String> begun = new CopyOnWriteArrayList<>();
        TestSubscriber<Phase<String>> phases = rxLockStep(clock, 3, 2, HOUR, (party, phase) -> Single.defer(() -> {
            begun.add(party + "@" + phase + " at " + clock.now(TimeUnit.SECONDS) + " s");
            return Single.timer(phase == 0 && party == 2 ? 10 : 1, TimeUnit.SECONDS, clock).map(t -> party + "@" + phase);
        }));

        clock.advanceTimeBy(9, TimeUnit.SECONDS);
        phases.assertNoValues();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        phases.assertValues(phase(0, 3)).assertNotComplete();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        phases.assertValues(phase(0, 3), phase(1, 3)).assertComplete();
        assertThat(begun).as("when each party began phase 1").filteredOn(b -> b.contains("@1"))
                .containsExactlyInAnyOrder("0@1 at 10 s", "1@1 at 10 s", "2@1 at 10 s");
    }

    /**
     * RxJava's twin of {@link #aZipOfOneStreamPerPartyLetsAFastPartyRunPhasesAheadOfTheBarrier}:
     * {@code Flowable.zip} requests its buffer's worth from every source, so the fast party's stream
     * works phases 1 and 2 while the slow party is still in phase 0. {@link RxJavaLockStep} zips one
     * phase at a time instead ({@link #rxJavaAPhaseEndsWhenItsSlowestPartyArrives}).
     */
    @Test
    void rxJavaAFlowableZipOfOneStreamPerPartyLetsAFastPartyRunPhasesAheadOfTheBarrier() {
        TestScheduler clock = new TestScheduler();
        List<String> begun = new CopyOnWriteArrayList<>();
        TestSubscriber<Integer> zipped = io.reactivex.rxjava3.core.Flowable.zip(rxParty(0, 1, clock, begun), rxParty(1, 10, clock, begun), (a, b) -> a)
                .test();

        clock.advanceTimeBy(30, TimeUnit.SECONDS);
        zipped.assertValues(0, 1, 2).assertComplete();
        assertThat(begun).as("when the fast party 0 began each phase").filteredOn(b -> b.startsWith("0@"))
                .containsExactly("0@0 at 0 s", "0@1 at 1 s", "0@2 at 2 s");
    }

    private static io.reactivex.rxjava3.core.Flowable<Integer> rxParty(int party, long seconds, TestScheduler clock, List<String> begun) {
        return io.reactivex.rxjava3.core.Flowable.range(0, 3).concatMapSingle(phase -> Single.defer(() -> {
            begun.add(party + "@" + phase + " at " + clock.now(TimeUnit.SECONDS) + " s");
            return Single.timer(seconds, TimeUnit.SECONDS, clock).map(t -> phase);
        }));
    }

    @Test
    @Hint("Single.timeout on the phase's zip, on the timer scheduler; when it fires it disposes the zip and so the missing party's step.")
    void rxJavaAPartyThatNeverArrivesBreaksThePhaseOneTimeoutAfterItBegan() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger disposed = new AtomicInteger();
        TestSubscriber<Phase<String>> phases = rxLockStep(clock, 3, 3, Duration.ofSeconds(5), (party, phase) -> party == 2 && phase == 1
                ? Single.<String>never().doOnDispose(disposed::incrementAndGet)
                : Single.timer(1, TimeUnit.SECONDS, clock).map(t -> party + "@" + phase));

        clock.advanceTimeBy(5, TimeUnit.SECONDS);
        phases.assertValues(phase(0, 3)).assertNoErrors();   // phase 1 began at 1 s
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        phases.assertError(e -> e instanceof PhaseTimeoutException && e.getMessage().equals("phase 1 broken: party 2 did not arrive within 5000 ms"));
        assertThat(disposed.get()).as("the missing party's step, disposed when the phase broke").isEqualTo(1);
    }

    @Test
    @Hint("Single.zip fails as soon as one source fails and disposes the others; concatMapSingle subscribes no further phase.")
    void rxJavaAFailingPartyEndsTheRunAtOnceDisposingTheOthers() {
        TestScheduler clock = new TestScheduler();
        AtomicInteger disposed = new AtomicInteger();
        List<String> begun = new CopyOnWriteArrayList<>();
        TestSubscriber<Phase<String>> phases = rxLockStep(clock, 3, 3, HOUR, (party, phase) -> Single.defer(() -> {
            begun.add(party + "@" + phase);
            if (phase == 1 && party == 1) {
                return Single.timer(1, TimeUnit.SECONDS, clock).flatMap(t -> Single.<String>error(new IllegalStateException("party 1 fails at 2 s")));
            }
            return Single.timer(phase == 1 ? 5 : 1, TimeUnit.SECONDS, clock).map(t -> party + "@" + phase).doOnDispose(disposed::incrementAndGet);
        }));

        clock.advanceTimeBy(2, TimeUnit.SECONDS);
        phases.assertValues(phase(0, 3))
                .assertError(e -> e instanceof PartyFailedException && e.getMessage().equals("party 1 failed in phase 1: java.lang.IllegalStateException: party 1 fails at 2 s"));
        assertThat(disposed.get()).as("the other parties of phase 1, disposed at 2 s").isEqualTo(2);
        clock.advanceTimeBy(1, TimeUnit.HOURS);
        assertThat(begun).as("steps begun, then and an hour later: nothing of phase 2").noneMatch(b -> b.endsWith("@2"));
    }
}
