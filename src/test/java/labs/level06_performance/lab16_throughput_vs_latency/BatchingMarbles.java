package labs.level06_performance.lab16_throughput_vs_latency;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab16_throughput_vs_latency.md} to the lab's reactive cores:
 * {@link ReactorService#serve} and {@link RxJavaService#serve}, built with {@code given: workers,
 * batch, timeout, service} (times in ms) and the run's virtual-time scheduler and clock. The
 * {@code arrivals} line is the requests (letter {@code a} is request 0, {@code b} request 1 …); its
 * {@code |} ends the arrivals, which flushes an open batch. The {@code started} probe draws each
 * request when a worker starts its batch; the output draws each request when its batch ends.
 */
@MarbleFile("lab16_throughput_vs_latency.md")
public final class BatchingMarbles implements MarbleBinding {

    static final String FAST = "fast arrivals fill a batch before its timeout";
    static final String LONE_REACTOR = "a lone request waits out its batch's timeout (Reactor)";
    static final String LONE_RXJAVA = "a lone request waits for the next tick of the batch clock (RxJava)";
    static final String BUSY_REACTOR = "while the only worker is busy the batch keeps filling (Reactor)";
    static final String BUSY_RXJAVA = "while the only worker is busy each tick cuts a batch (RxJava)";

    @Override
    public void bind(Bindings bindings) {
        bindings.bind(FAST, BatchingMarbles::reactor, BatchingMarbles::rxJava);
        for (String scenario : List.of(LONE_REACTOR, BUSY_REACTOR)) {
            bindings.bindReactorOnly(scenario, BatchingMarbles::reactor);
        }
        for (String scenario : List.of(LONE_RXJAVA, BUSY_RXJAVA)) {
            bindings.bindRxJavaOnly(scenario, BatchingMarbles::rxJava);
        }
    }

    private static ServiceSpec spec(MarbleCase run) {
        return ServiceSpec.fixed(run.givenInt("workers"), Duration.ofMillis(run.givenInt("service")))
                .withBatching(run.givenInt("batch"), Duration.ofMillis(run.givenInt("timeout")));
    }

    private static Request request(String letter, long nowNanos) {
        return new Request(letter.charAt(0) - 'a', nowNanos);
    }

    private static String letter(Request request) {
        return String.valueOf((char) ('a' + request.id()));
    }

    private static Flux<String> reactor(ReactorCase run) {
        ServiceSpec spec = spec(run);
        ReactorService service = new ReactorService(spec, run.scheduler(), () -> run.scheduler().now(TimeUnit.NANOSECONDS), batch -> Mono.defer(() -> {
            batch.forEach(r -> run.probe("started", letter(r)));
            return Mono.delay(spec.serviceTime(batch, 0), run.scheduler());
        }));
        return service.serve(run.flux("arrivals").map(l -> request(l, run.scheduler().now(TimeUnit.NANOSECONDS))))
                .map(served -> letter(served.request()));
    }

    private static Flowable<String> rxJava(RxJavaCase run) {
        ServiceSpec spec = spec(run);
        RxJavaService service = new RxJavaService(spec, run.scheduler(), () -> run.scheduler().now(TimeUnit.NANOSECONDS), batch -> Completable.defer(() -> {
            batch.forEach(r -> run.probe("started", letter(r)));
            return Completable.timer(spec.serviceTime(batch, 0).toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
        }));
        return service.serve(run.flowable("arrivals").map(l -> request(l, run.scheduler().now(TimeUnit.NANOSECONDS))))
                .map(served -> letter(served.request()));
    }
}
