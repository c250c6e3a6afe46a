package labs.level06_performance.lab14_lock_contention;

import io.reactivex.rxjava3.core.Flowable;
import java.util.List;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Binds {@code marbles/lab14_lock_contention.md}: every scenario there is the lab's lane core,
 * {@link ReactorLane#totals} and {@link RxJavaLane#totals}, with the run's virtual-time scheduler
 * as the lane and the diagram's writer lines {@code a} and {@code b} as the writers (each item one
 * increment, {@code 1L}). {@code given: prefetch} sizes the rings; {@code read = totals} draws the
 * running totals, {@code read = count} the count as {@code count} reads it ({@code last()}).
 */
@MarbleFile("lab14_lock_contention.md")
public final class LaneMarbles implements MarbleBinding {

    private static final List<String> SCENARIOS = List.of(
            "two writers, one lane",
            "the count is final only when the last writer completes",
            "a writer that fails ends the lane and cancels the others");

    @Override
    public void bind(Bindings bindings) {
        bindings.bindEach(SCENARIOS, LaneMarbles::reactor, LaneMarbles::rxJava);
    }

    private static Publisher<Long> reactor(ReactorCase run) {
        Flux<Long> totals = new ReactorLane(run.givenInt("prefetch"))
                .totals(Flux.just(run.flux("a").map(i -> 1L), run.flux("b").map(i -> 1L)), run.scheduler());
        return countOnly(run) ? totals.last() : totals;
    }

    private static Publisher<Long> rxJava(RxJavaCase run) {
        Flowable<Long> totals = new RxJavaLane(run.givenInt("prefetch"))
                .totals(Flowable.just(run.flowable("a").map(i -> 1L), run.flowable("b").map(i -> 1L)), run.scheduler());
        return countOnly(run) ? totals.lastElement().toFlowable() : totals;
    }

    private static boolean countOnly(MarbleCase run) {
        return switch (run.given("read")) {
            case "totals" -> false;
            case "count" -> true;
            default -> throw new IllegalStateException("given: read = totals or count (got " + run.given("read") + ")");
        };
    }
}
