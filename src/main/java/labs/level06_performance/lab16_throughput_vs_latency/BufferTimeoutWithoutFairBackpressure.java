package labs.level06_performance.lab16_throughput_vs_latency;

import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The tempting batching, and why {@link ReactorService} does not use it:
 * {@code bufferTimeout(B, T, timer)} — the default variant, without fair backpressure — in front of
 * {@code flatMap(serve, W)}. Not in the registry: it breaks clause 3 as soon as the service is busy.
 *
 * <p>What goes wrong: the default {@code bufferTimeout} asks its source for {@code B} requests per
 * batch its subscriber wants, and when its timer fires it emits the open batch whether or not the
 * subscriber wants one. {@code flatMap(…, W)} wants a batch only while a worker is free. So when
 * every worker is busy and a batch's timer fires, there is nowhere for the batch to go: the operator
 * fails the whole stream with {@code Could not emit buffer due to lack of requests}, and every
 * request still waiting is lost. The fair variant ({@code bufferTimeout(B, T, timer, true)}) holds
 * the batch until a worker asks.
 *
 * <p><b>Scheduler:</b> {@code timer} closes batches and ends each batch's {@code Mono.delay}.
 * <b>Backpressure:</b> the default {@code bufferTimeout} does not honour it on a timeout — which is
 * the point of this class.
 */
public final class BufferTimeoutWithoutFairBackpressure {

    private final ServiceSpec spec;
    private final Scheduler timer;
    private final LongSupplier clock;

    public BufferTimeoutWithoutFairBackpressure(ServiceSpec spec, Scheduler timer, LongSupplier clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** As {@link ReactorService#serve}, with the default {@code bufferTimeout}. */
    public Flux<Served> serve(Flux<Request> arrivals) {
        return arrivals.map(request -> new Call(request, clock.getAsLong(), null))
                .onBackpressureBuffer()
                .bufferTimeout(spec.batchSize(), spec.batchTimeout(), timer) // the tempting line
                .flatMap(batch -> {
                    long started = clock.getAsLong();
                    List<Request> requests = batch.stream().map(Call::request).toList();
                    return Mono.delay(spec.serviceTime(requests, started), timer)
                            .flatMapIterable(tick -> batch.stream().map(call -> call.answer(started, clock.getAsLong(), batch.size(), null)).toList());
                }, spec.workers());
    }
}
