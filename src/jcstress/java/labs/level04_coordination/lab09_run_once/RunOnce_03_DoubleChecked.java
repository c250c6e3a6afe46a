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
 * DoubleCheckedLazy: double-checked locking with a {@code volatile} field. The volatile write of the
 * reference happens-before the volatile read that sees it, so everything the constructor wrote is
 * visible to a caller on the fast path.
 *
 * <p>Expected: one outcome only; anything else is declared forbidden and fails the run.
 *
 * <p>Two actors call {@code get()} at the same moment on a fresh {@code DoubleCheckedLazy}; each records how much
 * of the value it saw built ({@link FourFields#built()}: 4 = whole). The arbiter, after both,
 * records how many times the initializer ran and whether both actors got the same instance.
 * Result: {@code built by actor 1, built by actor 2, runs, same instance (1/0)}.
 * Observed outcome table: docs/labs/level04_coordination/lab09_run_once/FAILURE.md.
 *
 * <p>Run (mode {@code quick}, about a minute per test on 2 cores; {@code -m sanity} only checks the harness):
 * {@code ./mvnw -B -ntp -Pjcstress package exec:exec -DskipTests -Dlabs.tool.args="-t RunOnce_03_DoubleChecked -m quick"}
 */
@JCStressTest
@Outcome(id = "4, 4, 1, 1", expect = Expect.ACCEPTABLE, desc = "One run; both callers saw the value whole.")
@Outcome(expect = Expect.FORBIDDEN, desc = "A half-built value, a second run or two values: the contract broken.")
@State
public class RunOnce_03_DoubleChecked {

    private final AtomicInteger runs = new AtomicInteger();
    private final RunOnce<FourFields> lazy = new DoubleCheckedLazy<>(() -> {
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
