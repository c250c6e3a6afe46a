package labs.level04_coordination.lab08_barrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import labs.support.Hint;
import labs.support.Watch;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Where the reactive cores run what, on real threads. Each pair of tests changes only the scheduler
 * the core is given: a party that blocks is fine on {@code boundedElastic()}/{@code io()} and
 * reported by BlockHound on {@code parallel()}/{@code computation()}; and the phase timeout can
 * break a phase only from a scheduler the stuck party does not hold.
 */
class PartySchedulerTest {

    private static final Duration LONG = Watch.BOUND;

    /** A party's work that blocks for a moment: the blocking call under test. */
    private static String blockBriefly(int party) throws InterruptedException {
        Thread.sleep(1); // blocking call under test
        return "p" + party;
    }

    @Test
    @Hint("A party's work may block: subscribe it on boundedElastic(), never on parallel(), whose threads must not block.")
    void aBlockingPartyOnParallelIsReportedByBlockHound() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> new ReactorLockStep(2, LONG, Schedulers.parallel(), Schedulers.parallel())
                .phases(1, (party, phase) -> Mono.fromCallable(() -> blockBriefly(party))).blockLast());

        assertThat(Exceptions.unwrap(thrown)).as("what blocking on parallel() ended with").isInstanceOf(BlockingOperationError.class);
    }

    @Test
    void theSameBlockingPartyOnBoundedElasticIsAllowed() {
        Phase<String> phase = new ReactorLockStep(2, LONG, Schedulers.boundedElastic(), Schedulers.parallel())
                .phases(1, (party, p) -> Mono.fromCallable(() -> blockBriefly(party))).blockLast();

        assertThat(phase.values()).as("the phase the blocking parties completed on boundedElastic()").containsExactly("p0", "p1");
    }

    @Test
    @Hint("RxJava: computation() threads must not block either (our BlockHound integration); io() is for blocking work.")
    void rxJavaABlockingPartyOnComputationIsReportedByBlockHound() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> new RxJavaLockStep(2, LONG,
                io.reactivex.rxjava3.schedulers.Schedulers.computation(), io.reactivex.rxjava3.schedulers.Schedulers.computation())
                .phases(1, (party, phase) -> Single.fromCallable(() -> blockBriefly(party))).blockingLast());

        // An Error, not the party's failure: it passes as it is.
        assertThat(thrown).as("what blocking on computation() ended with").isInstanceOf(BlockingOperationError.class);
    }

    @Test
    void rxJavaTheSameBlockingPartyOnIoIsAllowed() {
        Phase<String> phase = new RxJavaLockStep(2, LONG, io.reactivex.rxjava3.schedulers.Schedulers.io(), io.reactivex.rxjava3.schedulers.Schedulers.computation())
                .phases(1, (party, p) -> Single.fromCallable(() -> blockBriefly(party))).blockingLast();

        assertThat(phase.values()).as("the phase the blocking parties completed on io()").containsExactly("p0", "p1");
    }

    /**
     * The parties get one thread between them, and party 1 is stuck on it. With the timer on
     * another scheduler the timeout fires, cancels the phase, and interrupts the stuck party.
     */
    @Test
    @Hint("The phase timeout must run on a scheduler the parties cannot hold: a timer queued behind a stuck party never fires.")
    void aTimerApartFromThePartiesBreaksThePhaseWhileAPartyHoldsTheirOnlyThread() throws InterruptedException {
        Scheduler oneThread = Schedulers.newBoundedElastic(1, 16, "lab08-test-one-party-thread");
        CountDownLatch interrupted = new CountDownLatch(1);
        try {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> new ReactorLockStep(2, Duration.ofMillis(50), oneThread, Schedulers.parallel())
                    .phases(1, (party, phase) -> Mono.fromCallable(() -> {
                        if (party == 1) {
                            try {
                                new CountDownLatch(1).await(LONG.toNanos(), TimeUnit.NANOSECONDS); // stuck: the blocking call under test
                            } catch (InterruptedException e) {
                                interrupted.countDown();
                                throw e;
                            }
                        }
                        return "p" + party;
                    })).blockLast());

            assertThat(thrown).as("what the phase ended with").isInstanceOf(PhaseTimeoutException.class)
                    .satisfies(e -> assertThat(((PhaseTimeoutException) e).missingParties()).as("the parties missing when it broke").contains(1));
            Watch.await("the stuck party is interrupted by the cancellation", interrupted);
        } finally {
            oneThread.dispose();
        }
    }

    /**
     * The control: the same parties, the timer on their one thread. The timeout is due after 50 ms
     * but queued behind the stuck party, so it cannot fire; the phase completes — late — when the
     * party lets go after 300 ms, and the timer, never run, is cancelled with it. No timeout at all.
     */
    @Test
    void aTimerOnTheStuckPartysOwnThreadCannotBreakThePhase() {
        Scheduler oneThread = Schedulers.newBoundedElastic(1, 16, "lab08-test-one-party-thread");
        try {
            Phase<String> phase = new ReactorLockStep(2, Duration.ofMillis(50), oneThread, oneThread)
                    .phases(1, (party, p) -> Mono.fromCallable(() -> {
                        if (party == 1) {
                            new CountDownLatch(1).await(300, TimeUnit.MILLISECONDS); // stuck for 300 ms: the blocking call under test
                        }
                        return "p" + party;
                    })).blockLast();

            assertThat(phase.values()).as("the phase that completed although it took six times its timeout").containsExactly("p0", "p1");
        } finally {
            oneThread.dispose();
        }
    }
}
