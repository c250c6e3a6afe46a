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
 * UnsafeDoubleCheckedLazy: double-checked locking without {@code volatile}. The second actor may
 * take the fast path (no lock) and read the reference the first actor is writing; nothing orders
 * that read after the constructor's field writes.
 *
 * <p>Expected: on a weakly ordered CPU (ARM, POWER), some half-built values; on x86 (TSO), where
 * stores become visible in program order, none unless the JIT itself moves the reference store
 * before the field stores — it may, and usually does not. A run that sees nothing proves nothing.
 *
 * <p>Two actors call {@code get()} at the same moment on a fresh {@code UnsafeDoubleCheckedLazy}; each records how much
 * of the value it saw built ({@link FourFields#built()}: 4 = whole). The arbiter, after both,
 * records how many times the initializer ran and whether both actors got the same instance.
 * Result: {@code built by actor 1, built by actor 2, runs, same instance (1/0)}.
 * Observed outcome table: docs/labs/level04_coordination/lab09_run_once/FAILURE.md.
 *
 * <p>Run (mode {@code quick}, about a minute per test on 2 cores; {@code -m sanity} only checks the harness):
 * {@code ./mvnw -B -ntp -Pjcstress package exec:exec -DskipTests -Dlabs.tool.args="-t RunOnce_02_DoubleCheckedWithoutVolatile -m quick"}
 */
@JCStressTest
@Outcome(id = "4, 4, 1, 1", expect = Expect.ACCEPTABLE, desc = "One run; both callers saw the value whole.")
@Outcome(id = {"[0-3], [0-4], 1, 1", "4, [0-3], 1, 1"}, expect = Expect.ACCEPTABLE_INTERESTING,
        desc = "A caller saw the value half-built: the reference was visible before its fields (unsafe publication).")
@Outcome(expect = Expect.FORBIDDEN, desc = "More than one run, or two values: the lock is still there, so never.")
@State
public class RunOnce_02_DoubleCheckedWithoutVolatile {

    private final AtomicInteger runs = new AtomicInteger();
    private final RunOnce<FourFields> lazy = new UnsafeDoubleCheckedLazy<>(() -> {
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
