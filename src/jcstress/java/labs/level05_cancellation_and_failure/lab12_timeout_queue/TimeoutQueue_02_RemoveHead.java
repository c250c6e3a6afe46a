package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * LinkedBlockingTimeoutQueue, the fix: the same race as {@link TimeoutQueue_01_PeekThenPoll}, but the
 * sweeper removes exactly the entry it looked at ({@code remove(head)}, true for one thread only), and
 * the consumer decides the end of what its {@code poll()} removed. Whoever removes an entry decides
 * its end.
 *
 * <p>Expected: {@code 0, 0} only; anything else is forbidden.
 *
 * <p>Run: {@code ./mvnw -B -ntp -Pjcstress package exec:exec -DskipTests -Dlabs.tool.args="-t TimeoutQueue_0 -m quick"}
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "Every item ended exactly one way.")
@State
public class TimeoutQueue_02_RemoveHead {

    private final ExpiryRace race = new ExpiryRace(ExpiryRace::removeHead);

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
