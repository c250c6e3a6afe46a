package labs.level06_performance.lab16_throughput_vs_latency;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.processors.UnicastProcessor;
import io.reactivex.rxjava3.subjects.SingleSubject;
import java.util.List;
import java.util.function.Function;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The shape of {@code RxJavaService}'s workers, cut to two batches: {@code flatMap(batch -> answers,
 * false, 2)} where each batch's answers are a {@code Single<List>} turned into items. Batch A is in
 * service; one thread ends it (its answers arrive) while another hands over batch B and ends it too,
 * as a timer thread and the submitting thread do in the service. Then the arrivals complete: the
 * pipeline must complete, having emitted both answers.
 */
final class AnswerRace {

    private final UnicastProcessor<Integer> batches = UnicastProcessor.create();
    private final SingleSubject<List<Integer>> first = SingleSubject.create();
    private final SingleSubject<List<Integer>> second = SingleSubject.create();
    private int answers;
    private int completed;
    private int failed;

    AnswerRace(Function<Single<List<Integer>>, Flowable<Integer>> toItems) {
        batches.flatMap(batch -> toItems.apply(batch == 0 ? first : second), false, 2)
                .subscribe(answer -> answers++, failure -> failed++, () -> completed++);
        batches.onNext(0);
    }

    /** A timer thread: batch A's work is done. */
    void firstBatchAnswered() {
        first.onSuccess(List.of(1));
    }

    /** The submitting thread: batch B arrives and is answered at once. */
    void secondBatchArrivesAndIsAnswered() {
        batches.onNext(1);
        second.onSuccess(List.of(2));
    }

    /** Completes the arrivals; then: answers emitted, completed (1) or not (0), failed. */
    void close(III_Result r) {
        batches.onComplete();
        r.r1 = answers;
        r.r2 = completed;
        r.r3 = failed;
    }
}
