package labs.level04_coordination.lab09_run_once;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * RacyLazy: check-then-act on a plain field. Both actors can find {@code null}, both run the
 * initializer, both write; the last write wins, and each actor returns whatever the field holds when
 * it reads it back.
 *
 * <p>Expected: mostly one run; two runs on some fraction of samples — with one value or with two.
 *
 * <p>Two actors call {@code get()} at the same moment on a fresh {@code RacyLazy}; each records how much
 * of the value it saw built ({@link FourFields#built()}: 4 = whole). The arbiter, after both,
 * records how many times the initializer ran and whether both actors got the same instance.
 * Result: {@code built by actor 1, built by actor 2, runs, same instance (1/0)}.
 * Observed outcome table: docs/labs/level04_coordination/lab09_run_once/FAILURE.md.
 *
 * <p>Run (mode {@code quick}, about a minute per test on 2 cores; {@code -m sanity} only checks the harness):
 * {@code ./mvnw -B -ntp -Pjcstress package exec:exec -DskipTests -Dlabs.tool.args="-t RunOnce_01_Racy -m quick"}
 */
@JCStressTest
@Outcome(id = "4, 4, 1, 1", expect = Expect.ACCEPTABLE, desc = "One run; both callers got its value.")
@Outcome(id = "4, 4, 2, 1", expect = Expect.ACCEPTABLE_INTERESTING, desc = "Two runs; both callers returned the last write: the other run's resource is orphaned.")
@Outcome(id = "4, 4, 2, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "Two runs, two values: each caller kept its own resource.")
@Outcome(expect = Expect.ACCEPTABLE_INTERESTING, desc = "A caller saw the value half-built: no happens-before edge from the writer.")
@State
public class RunOnce_01_Racy {

    private final AtomicInteger runs = new AtomicInteger();
    private final RunOnce<FourFields> lazy = new RacyLazy<>(() -> {
        runs.incrementAndGet();
        return new FourFields();
    });
    private FourFields seen1;
    private FourFields seen2;

    @Actor
    public void actor1(IIII_Result r) {
        seen1 = lazy.get();
        r.r1 = seen1.built();
    }

    @Actor
    public void actor2(IIII_Result r) {
        seen2 = lazy.get();
        r.r2 = seen2.built();
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        r.r3 = runs.get();
        r.r4 = seen1 == seen2 ? 1 : 0;
    }
}
