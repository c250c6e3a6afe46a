package labs.level02_shared_state.lab03_shared_counter;

import io.reactivex.rxjava3.core.Flowable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;

/**
 * Binds {@code marbles/lab03_shared_counter.md} to the lab's single-writer cores:
 * {@link ReactorSingleWriter} on Reactor and {@link RxJavaSerializedWriter} on RxJava. Each item of
 * a caller line ({@code A}, {@code B}) is one call of the core's {@code increment()}; the output is
 * the core's own {@code totals()}, until every caller has completed. In the two scenarios that
 * draw a late single writer, {@code given: subscribeAt} subscribes to the totals that late, on the
 * run's virtual-time scheduler, while the callers start at once.
 *
 * <p>The file's other diagrams stage races between real threads (a thread parked inside
 * {@code onNext}) and stay {@code text}: virtual time runs everything on one thread, one frame after
 * another, so it cannot draw them ({@code ReactiveCounterPitfallTest} stages them).
 */
@MarbleFile("lab03_shared_counter.md")
public final class SharedCounterMarbles implements MarbleBinding {

    @Override
    public void bind(Bindings bindings) {
        bindings.bindEach(List.of("the single writer folds every increment, one onNext at a time",
                "calls in the same frame are folded one after another"), run -> reactor(run, List.of("A", "B"), false), run -> rxJava(run, List.of("A", "B"), false));
        bindings.bindReactorOnly("Reactor's unicast sink keeps increments until the single writer subscribes",
                run -> reactor(run, List.of("A"), true));
        bindings.bindRxJavaOnly("RxJava's processor drops increments no single writer has subscribed to",
                run -> rxJava(run, List.of("A"), true));
    }

    private static Flux<Long> reactor(ReactorCase run, List<String> callers, boolean late) {
        ReactorSingleWriter core = new ReactorSingleWriter();
        Flux<Long> totals = core.totals();
        if (late) {
            totals = totals.delaySubscription(MarbleCase.duration(run.given("subscribeAt")), run.scheduler());
        }
        // takeUntilOther subscribes to the callers first, then to the totals: at frame 0 both are in place.
        return totals.takeUntilOther(Flux.merge(callers.stream().map(run::flux).toList())
                .doOnNext(call -> core.increment()).then());
    }

    private static Flowable<Long> rxJava(RxJavaCase run, List<String> callers, boolean late) {
        RxJavaSerializedWriter core = new RxJavaSerializedWriter();
        Flowable<Long> totals = core.totals();
        if (late) {
            totals = totals.delaySubscription(MarbleCase.duration(run.given("subscribeAt")).toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
        }
        return totals.takeUntil(Flowable.merge(callers.stream().map(run::flowable).toList())
                .doOnNext(call -> core.increment()).ignoreElements().toFlowable());
    }
}
