package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * SemaphorePool, clause 2 (reused, made lazily) against the order of {@code release}: a pool of one
 * whose only connection is lent; actor 1 gives it back while actor 2 acquires (and, if it comes
 * first, waits). {@code release} puts the connection in the idle queue <em>before</em> it returns
 * the permit, so whoever gets the permit finds the connection there: actor 2 always gets connection
 * 1, and no second connection is ever made. Return the permit first and actor 2 can find the queue
 * still empty and make connection 2 — the outcome this test forbids.
 *
 * <p>Result: {@code the id of actor 2's connection (-1: none), connections made, idle, in use}.
 *
 * <p>Run: {@code ./mvnw -B -ntp -Pjcstress package exec:exec -DskipTests -Dlabs.tool.args="-t lab15_bounded_pool -m quick -v"}
 */
@JCStressTest
@Outcome(id = "1, 1, 0, 1", expect = Expect.ACCEPTABLE, desc = "Actor 2 got the connection given back; one was ever made.")
@Outcome(expect = Expect.FORBIDDEN, desc = "A second connection made while one was on its way back, or actor 2 served nothing.")
@State
public class Pool_02_ReleaseMeetsAcquire {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AtomicInteger ids = new AtomicInteger();
    private final SemaphorePool pool = SemaphorePool.open(1, 1, () -> new Connection(ids.incrementAndGet()));
    private final Lease lent;

    public Pool_02_ReleaseMeetsAcquire() {
        try {
            lent = pool.acquire(TIMEOUT);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted while setting up", e);
        }
    }

    @Actor
    public void actor1() {
        pool.release(lent);
    }

    @Actor
    public void actor2(IIII_Result r) {
        try {
            r.r1 = pool.acquire(TIMEOUT).connection().id(); // waits for actor 1's release when it comes first
        } catch (Exception e) {
            r.r1 = -1;
        }
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        PoolStats stats = pool.stats();
        r.r2 = stats.created();
        r.r3 = stats.idle();
        r.r4 = stats.inUse();
    }
}
