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
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * ReactorPool, the twin of {@link Pool_01_TwoAcquirersOnePlace}: two acquirers race for the last
 * place of a fresh reactor-pool of one with {@code maxPendingAcquire(0)}; the connection is made on
 * the acquiring thread ({@code Mono.fromSupplier}), so the race is reactor-pool's own hand-over.
 *
 * <p>Result: {@code actor 1 (1 = lease, 0 = refused, -1 = anything else), actor 2, connections made, in use}.
 *
 * <p>Run: {@code ./mvnw -B -ntp -Pjcstress package exec:exec -DskipTests -Dlabs.tool.args="-t lab15_bounded_pool -m quick -v"}
 */
@JCStressTest
@Outcome(id = {"1, 0, 1, 1", "0, 1, 1, 1"}, expect = Expect.ACCEPTABLE, desc = "One lease, one refusal, one connection made.")
@Outcome(expect = Expect.FORBIDDEN, desc = "Two leases, two refusals, or a second connection made.")
@State
public class Pool_03_ReactorTwoAcquirersOnePlace {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AtomicInteger ids = new AtomicInteger();
    private final ReactorPool pool = ReactorPool.create(1, 0, Mono.fromSupplier(() -> new Connection(ids.incrementAndGet())), Schedulers.parallel());

    private int acquire(String who) {
        try {
            pool.lease(who, TIMEOUT).block();
            return 1;
        } catch (PoolRejectedException refused) {
            return 0;
        } catch (Exception other) {
            return -1;
        }
    }

    @Actor
    public void actor1(IIII_Result r) {
        r.r1 = acquire("actor1");
    }

    @Actor
    public void actor2(IIII_Result r) {
        r.r2 = acquire("actor2");
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        PoolStats stats = pool.stats();
        r.r3 = stats.created();
        r.r4 = stats.inUse();
    }
}
