package labs.level06_performance.lab16_throughput_vs_latency;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The first {@code RxJavaService}: each batch's answers were {@code single.flattenAsFlowable(list -> list)}
 * inside {@code flatMap(…, maxConcurrency)}. JMH found the service not completing at close
 * (lab16 FAILURE.md); this test shows the race behind it: a batch's end lost, so {@code flatMap}
 * keeps waiting for a batch that is over.
 *
 * <p>Result: {@code answers emitted, completed (1) or not (0), failures}.
 *
 * <p>Run: {@code ./mvnw -B -ntp -Pjcstress package exec:exec -DskipTests -Dlabs.tool.args="-t lab16_throughput_vs_latency -m quick -v"}
 */
@JCStressTest
@Outcome(id = "2, 1, 0", expect = Expect.ACCEPTABLE, desc = "Both batches answered, the pipeline completed.")
@Outcome(id = "2, 0, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "Both answered, but a batch's end was lost: flatMap never completes.")
@Outcome(expect = Expect.FORBIDDEN, desc = "An answer lost or a failure.")
@State
public class Answers_01_FlattenAsFlowable {

    private final AnswerRace race = new AnswerRace(single -> single.flattenAsFlowable(list -> list));

    @Actor
    public void timerThread() {
        race.firstBatchAnswered();
    }

    @Actor
    public void submittingThread() {
        race.secondBatchArrivesAndIsAnswered();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        race.close(r);
    }
}
