package labs.level04_coordination.lab09_run_once;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab09_run_once.md}: every scenario is one of the lab's reactive cores —
 * {@link ReactorCachedLazy#value()}, {@link RxJavaCachedLazy#value()}, {@link ReactorRetryingLazy#value()},
 * {@link ReactorInvalidatingLazy#value()} — built over a timed initialization on the run's virtual
 * clock ({@code given: init}, failing on run {@code given: fails}), and subscribed once by each
 * caller of the {@code callers} line as it arrives. A caller that {@code waits} gets the number of the
 * run whose value it got, or {@code x} for a failure; one that {@code leaves after D} cancels after D
 * if nothing came. The {@code runs} line is probed when a run starts.
 */
@MarbleFile("lab09_run_once.md")
public final class RunOnceMarbles implements MarbleBinding {

    /** The scenarios drawn on both libraries' {@code cache()}: only the diagram differs. */
    private static final List<String> ON_CACHE = List.of(
            "concurrent callers share one run",
            "a failed run is kept for every later caller",
            "a caller that leaves mid-run leaves the run going");

    private static final String LEAVES = "leaves after ";

    @Override
    public void bind(Bindings bindings) {
        bindings.bindEach(ON_CACHE,
                run -> callers(run, new ReactorCachedLazy<>(initialization(run)).value()),
                run -> callers(run, new RxJavaCachedLazy<>(initialization(run)).value()));
        bindings.bindReactorOnly("a failed run is retried by the next caller",
                run -> callers(run, new ReactorRetryingLazy<>(initialization(run)).value()));
        bindings.bindReactorOnly("the last caller leaving cancels the run",
                run -> callers(run, new ReactorInvalidatingLazy<>(initialization(run)).value()));
    }

    /** Reactor: each run probed as it starts, taking {@code init} on the virtual clock, then its number or its failure. */
    private static Mono<String> initialization(ReactorCase run) {
        AtomicInteger runs = new AtomicInteger();
        return Mono.defer(() -> {
            int number = runs.incrementAndGet();
            run.probe("runs", String.valueOf(number));
            return Mono.delay(takes(run), run.scheduler())
                    .then(fails(run, number) ? Mono.error(failure(number)) : Mono.just(String.valueOf(number)));
        });
    }

    /** RxJava: the same with {@code Single.timer} on the {@code TestScheduler}. */
    private static Single<String> initialization(RxJavaCase run) {
        AtomicInteger runs = new AtomicInteger();
        return Single.defer(() -> {
            int number = runs.incrementAndGet();
            run.probe("runs", String.valueOf(number));
            return Single.timer(takes(run).toMillis(), TimeUnit.MILLISECONDS, run.scheduler())
                    .flatMap(tick -> fails(run, number) ? Single.<String>error(failure(number)) : Single.just(String.valueOf(number)));
        });
    }

    /** Each caller subscribes to the cached value as it arrives; what they got, merged. */
    private static Flux<String> callers(ReactorCase run, Mono<String> value) {
        return run.flux("callers").flatMap(caller -> {
            Mono<String> answer = value.onErrorReturn("x");
            Duration leaves = leavesAfter(run, caller);
            return leaves == null ? answer : answer.take(leaves, run.scheduler());
        });
    }

    private static Flowable<String> callers(RxJavaCase run, Single<String> value) {
        return run.flowable("callers").flatMapMaybe(caller -> {
            Maybe<String> answer = value.onErrorReturnItem("x").toMaybe();
            Duration leaves = leavesAfter(run, caller);
            return leaves == null ? answer : answer.takeUntil(Maybe.timer(leaves.toMillis(), TimeUnit.MILLISECONDS, run.scheduler()));
        });
    }

    /** The legend says {@code waits} (null here) or {@code leaves after 2ms}. */
    private static Duration leavesAfter(MarbleCase run, String caller) {
        String does = run.value(caller);
        if (does.equals("waits")) {
            return null;
        }
        if (!does.startsWith(LEAVES)) {
            throw new IllegalStateException("caller '" + caller + "': the legend must say 'waits' or 'leaves after <time>' (got '" + does + "')");
        }
        return MarbleCase.duration(does.substring(LEAVES.length()));
    }

    private static Duration takes(MarbleCase run) {
        return MarbleCase.duration(run.given("init"));
    }

    /** {@code given: fails = 1}: the run that fails; {@code none}: none does. */
    private static boolean fails(MarbleCase run, int number) {
        String fails = run.given("fails");
        return !fails.equals("none") && Integer.parseInt(fails) == number;
    }

    private static IllegalStateException failure(int number) {
        return new IllegalStateException("run " + number + " failed");
    }
}
