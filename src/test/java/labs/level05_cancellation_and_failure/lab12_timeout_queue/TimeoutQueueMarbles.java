package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab12_timeout_queue.md} to the lab's consumer cores, {@link ReactorDeadlines}
 * and {@link RxJavaDeadlines}, built with the run's virtual-time scheduler.
 *
 * <p>The {@code items} line is what the consumer takes off the queue. The service works on each item
 * for the time its legend gives ({@code a = 4ms}: {@code Mono.delay} / {@code Single.timer} on the
 * run's scheduler) and answers with the item; the output draws a delivered item as its letter and an
 * expired one in upper case ({@code B = b expired}). In the deadline scenario the two stages work
 * {@code given: first} and {@code given: second} on every item, and the {@code first} and
 * {@code second} lines probe when each starts. The batch scenarios draw each batch as the legend's
 * text for it ({@code x = [abc]}).
 */
@MarbleFile("lab12_timeout_queue.md")
public final class TimeoutQueueMarbles implements MarbleBinding {

    private static final String WITH_FALLBACK = "timeout with a fallback: a late item expires and the next one goes on";
    private static final String WITHOUT_FALLBACK = "timeout without a fallback: the first late item ends the stream";
    private static final String REACTOR_BATCHES = "Reactor bufferTimeout: a batch goes when full, or maxWait after its first item";
    private static final String RXJAVA_BATCHES = "RxJava timed buffer: fixed windows, empty ones too";
    private static final String DEADLINE = "a deadline fixed on arrival shrinks across the stages";

    @Override
    public void bind(Bindings bindings) {
        bindings.bind(WITH_FALLBACK,
                run -> new ReactorDeadlines(run.scheduler()).eachWithin(run.flux("items"), budget(run), item -> service(run, item)).map(TimeoutQueueMarbles::drawn),
                run -> new RxJavaDeadlines(run.scheduler()).eachWithin(run.flowable("items"), budget(run), item -> service(run, item)).map(TimeoutQueueMarbles::drawn));
        bindings.bind(WITHOUT_FALLBACK,
                run -> new ReactorDeadlines(run.scheduler()).eachOrFail(run.flux("items"), budget(run), item -> service(run, item)).map(TimeoutQueueMarbles::drawn),
                run -> new RxJavaDeadlines(run.scheduler()).eachOrFail(run.flowable("items"), budget(run), item -> service(run, item)).map(TimeoutQueueMarbles::drawn));
        bindings.bindReactorOnly(REACTOR_BATCHES,
                run -> new ReactorDeadlines(run.scheduler()).batches(run.flux("items"), run.givenInt("maxSize"), duration(run, "maxWait")).map(TimeoutQueueMarbles::drawn));
        bindings.bindRxJavaOnly(RXJAVA_BATCHES,
                run -> new RxJavaDeadlines(run.scheduler()).batches(run.flowable("items"), run.givenInt("maxSize"), duration(run, "maxWait")).map(TimeoutQueueMarbles::drawn));
        bindings.bind(DEADLINE,
                run -> new ReactorDeadlines(run.scheduler())
                        .beforeDeadline(run.flux("items"), duration(run, "ttl"), item -> stage(run, "first", item), item -> stage(run, "second", item))
                        .map(TimeoutQueueMarbles::drawn),
                run -> new RxJavaDeadlines(run.scheduler())
                        .beforeDeadline(run.flowable("items"), duration(run, "ttl"), item -> stage(run, "first", item), item -> stage(run, "second", item))
                        .map(TimeoutQueueMarbles::drawn));
    }

    private static Duration budget(MarbleCase run) {
        return duration(run, "budget");
    }

    private static Duration duration(MarbleCase run, String key) {
        return MarbleCase.duration(run.given(key));
    }

    /** The service: works the legend's time on the item, then answers with it. */
    private static Mono<String> service(ReactorCase run, String item) {
        return Mono.delay(MarbleCase.duration(run.value(item)), run.scheduler()).thenReturn(item);
    }

    private static Single<String> service(RxJavaCase run, String item) {
        return Single.timer(MarbleCase.duration(run.value(item)).toMillis(), TimeUnit.MILLISECONDS, run.scheduler()).map(tick -> item);
    }

    /** A stage of the deadline scenario: probed as it starts, works {@code given: <stage>} on every item. */
    private static Mono<String> stage(ReactorCase run, String stage, String item) {
        return Mono.defer(() -> {
            run.probe(stage, item);
            return Mono.delay(duration(run, stage), run.scheduler()).thenReturn(item);
        });
    }

    private static Single<String> stage(RxJavaCase run, String stage, String item) {
        return Single.defer(() -> {
            run.probe(stage, item);
            return Single.timer(duration(run, stage).toMillis(), TimeUnit.MILLISECONDS, run.scheduler()).map(tick -> item);
        });
    }

    /** A batch as its letters in brackets ({@code [abc]}): a legend's text cannot hold commas. */
    private static String drawn(List<String> batch) {
        return "[" + String.join("", batch) + "]";
    }

    /** A delivered item as its letter; an expired one in upper case. */
    private static String drawn(Settled<String, String> settled) {
        return settled.delivered() ? settled.item() : settled.item().toUpperCase();
    }

}
