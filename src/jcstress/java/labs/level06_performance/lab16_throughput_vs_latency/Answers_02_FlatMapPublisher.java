package labs.level06_performance.lab16_throughput_vs_latency;

import io.reactivex.rxjava3.core.Flowable;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@code RxJavaService} now: each batch's answers are {@code single.flatMapPublisher(Flowable::fromIterable)}.
 * The same race as {@link Answers_01_FlattenAsFlowable}; every batch's end is counted.
 *
 * <p>Result: {@code answers emitted, completed (1) or not (0), failures}.
 *
 * <p>Run: {@code ./mvnw -B -ntp -Pjcstress package exec:exec -DskipTests -Dlabs.tool.args="-t lab16_throughput_vs_latency -m quick -v"}
 */
@JCStressTest
@Outcome(id = "2, 1, 0", expect = Expect.ACCEPTABLE, desc = "Both batches answered, the pipeline completed.")
@Outcome(expect = Expect.FORBIDDEN, desc = "A batch's end lost (never completes), an answer lost, or a failure.")
@State
public class Answers_02_FlatMapPublisher {

    private final AnswerRace race = new AnswerRace(single -> single.flatMapPublisher(Flowable::fromIterable));

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
