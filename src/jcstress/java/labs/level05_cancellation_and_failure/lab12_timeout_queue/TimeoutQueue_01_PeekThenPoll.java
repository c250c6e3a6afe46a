package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * PeekThenPollTimeoutQueue, BROKEN: item 1 has expired at the head, item 2 is alive behind it. A
 * consumer polls while a producer offers item 3 and sweeps first — {@code peek()} sees 1 expired,
 * {@code poll()} removes whatever is head by then. If the consumer took 1 in between, the sweeper
 * removes 2, a live item, and counts 1 expired a second time.
 *
 * <p>Result: {@code lost, twice} over items 1 to 3 (see {@link ExpiryRace}). Expected: {@code 0, 0}
 * mostly, and {@code 1, 1} on some samples — "was a timed-out item consumed or lost?" Both. And
 * {@code 0, 1}, the same check-then-act's other face (first seen in the 2026-11-30 run, 0.19 %): the
 * consumer took 1 and 2 between the sweeper's {@code peek()} and its {@code poll()}; that poll found
 * an empty queue, and the sweeper counted the 1 it had peeked as expired all the same.
 * Observed outcome table: docs/labs/level05_cancellation_and_failure/lab12_timeout_queue/FAILURE.md.
 *
 * <p>Run (mode {@code quick}, about 1 min per test on a 2-core machine):
 * {@code ./mvnw -B -ntp -Pjcstress package exec:exec -DskipTests -Dlabs.tool.args="-t TimeoutQueue_0 -m quick"}
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "Every item ended exactly one way.")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE_INTERESTING, desc = "A live item lost, the expired one counted twice: the sweeper's poll() took the wrong head.")
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE_INTERESTING, desc = "Nothing lost, the expired one counted twice: the consumer emptied the queue between the sweeper's peek and its poll, which found nothing and was not checked.")
@State
public class TimeoutQueue_01_PeekThenPoll {

    private final ExpiryRace race = new ExpiryRace(ExpiryRace::peekThenPoll);

    @Actor
    public void consumer() {
        race.poll();
    }

    @Actor
    public void producer() {
        race.offerThree();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        int[] counts = race.count();
        r.r1 = counts[0];
        r.r2 = counts[1];
    }
}
