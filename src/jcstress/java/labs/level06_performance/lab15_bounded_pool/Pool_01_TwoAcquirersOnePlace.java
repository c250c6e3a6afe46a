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
 * SemaphorePool, clauses 1 and 3: two acquirers race for the last place of a fresh pool of one
 * with no waiting line ({@code maxPending = 0}). Exactly one gets a connection, the other is
 * refused at once; one connection is made. Neither waits: the refusal is immediate, so nothing here
 * can hang.
 *
 * <p>Result: {@code actor 1 (1 = lease, 0 = refused, -1 = anything else), actor 2 (the same),
 * connections made, connections in use}.
 *
 * <p>Run ({@code -m quick}, about a minute per test on 2 cores; {@code -m sanity} only checks the harness):
 * {@code ./mvnw -B -ntp -Pjcstress package exec:exec -DskipTests -Dlabs.tool.args="-t lab15_bounded_pool -m quick -v"}
 */
@JCStressTest
@Outcome(id = {"1, 0, 1, 1", "0, 1, 1, 1"}, expect = Expect.ACCEPTABLE, desc = "One lease, one refusal, one connection made.")
@Outcome(expect = Expect.FORBIDDEN, desc = "Two leases (the bound broken), two refusals (a place lost), or a second connection made.")
@State
public class Pool_01_TwoAcquirersOnePlace {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AtomicInteger ids = new AtomicInteger();
    private final SemaphorePool pool = SemaphorePool.open(1, 0, () -> new Connection(ids.incrementAndGet()));

    private int acquire() {
        try {
            pool.acquire(TIMEOUT);
            return 1;
        } catch (PoolRejectedException refused) {
            return 0;
        } catch (Exception other) {
            return -1;
        }
    }

    @Actor
    public void actor1(IIII_Result r) {
        r.r1 = acquire();
    }

    @Actor
    public void actor2(IIII_Result r) {
        r.r2 = acquire();
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        PoolStats stats = pool.stats();
        r.r3 = stats.created();
        r.r4 = stats.inUse();
    }
}
