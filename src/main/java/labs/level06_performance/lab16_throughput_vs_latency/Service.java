package labs.level06_performance.lab16_throughput_vs_latency;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The lab16 contract: the service the load generators measure, built three ways and checked by one
 * contract test. See the lab's README.md for the spec.
 *
 * <ol>
 *   <li><b>Open to arrivals.</b> {@link #submit} never waits for a worker and never refuses while
 *       the service is open: it stamps the request's arrival and queues it. The queue has no bound —
 *       what it does to latency past capacity is what this lab measures.</li>
 *   <li><b>Bounded workers, arrival order.</b> At most {@link ServiceSpec#workers()} batches are in
 *       service at once. A batch holds requests that arrived one after another, and batches start in
 *       arrival order: a free worker takes the oldest waiting request.</li>
 *   <li><b>Answered once.</b> Each accepted request's future completes exactly once, with a
 *       {@link Served} whose times satisfy {@code arrived <= started <= ended}; its work took at
 *       least the batch's {@link ServiceSpec#serviceTime} (or, with given {@link Work}, until the
 *       work's stage completed).</li>
 *   <li><b>Batching.</b> A batch holds at most {@code batchSize} requests. While a worker is free no
 *       request waits more than {@code batchTimeout} for its batch to close: it closes when full, or
 *       at the latest {@code batchTimeout} after its first request arrived. With {@code batchSize}
 *       1 every request is a batch of its own.</li>
 *   <li><b>Failure.</b> Work that fails answers every request of its batch with that failure
 *       ({@link Served#failure()}); the service carries on with the others. If it was an
 *       {@link Error}, {@link #close()} also rethrows it, as it is, once the service's threads have
 *       ended.</li>
 *   <li><b>Close.</b> {@link #close()} stops accepting (a later {@code submit} throws, naming the
 *       service), closes an open batch at once, serves every accepted request, and returns once
 *       every thread the service started has ended. A second {@code close} throws.</li>
 *   <li><b>Bad input</b> fails in one line before anything starts: a spec out of range
 *       ({@link ServiceSpec}), a {@code null} request.</li>
 * </ol>
 *
 * <p>{@code submit} is thread-safe; it may hold a lock for a moment (to feed a sink one emission at
 * a time), so it is called from callers' and load generators' threads, never from a scheduler's
 * non-blocking thread.
 */
public interface Service extends AutoCloseable {

    /**
     * What serving one batch is, when someone other than the spec decides: done when the returned
     * stage completes, failed when it completes exceptionally. Tests hold batches in service with
     * it; a service given none spends {@link ServiceSpec#serviceTime} in its own way.
     */
    @FunctionalInterface
    interface Work {
        CompletionStage<?> serve(List<Request> batch);
    }

    /** How a running service is made: with the spec's service times, or with given work. */
    record Starter(Function<ServiceSpec, Service> withSpecTimes, BiFunction<ServiceSpec, Work, Service> withWork) {
        public Starter {
            Objects.requireNonNull(withSpecTimes, "withSpecTimes");
            Objects.requireNonNull(withWork, "withWork");
        }

        /** A service spending the spec's service times. Whoever starts one must close it. */
        public Service start(ServiceSpec spec) {
            return withSpecTimes.apply(Objects.requireNonNull(spec, "spec"));
        }

        /** A service whose batches are served by {@code work}. Whoever starts one must close it. */
        public Service start(ServiceSpec spec, Work work) {
            return withWork.apply(Objects.requireNonNull(spec, "spec"), Objects.requireNonNull(work, "work"));
        }
    }

    /**
     * Every implementation, by the name {@code --impl} takes; the contract test runs each of them
     * ({@code IMPLEMENTATIONS.create("reactor").start(spec)}).
     */
    Implementations<Starter> IMPLEMENTATIONS = Implementations.of("lab16",
            new Implementation<>("executor", "a ThreadPoolExecutor of W threads and its unbounded queue; each waits out its request in Thread.sleep;"
                    + " batching: a batcher thread with poll(timeout)", new Starter(ThreadPoolService::start, ThreadPoolService::start)),
            new Implementation<>("reactor", "Sinks.many().unicast() -> bufferTimeout(B, T, fair) -> flatMap(serve, W); each waits out its batch with Mono.delay",
                    new Starter(ReactorService::start, ReactorService::start)),
            new Implementation<>("rxjava", "UnicastProcessor -> buffer(T, B, restart) -> onBackpressureBuffer -> flatMap(serve, W); Completable.timer",
                    new Starter(RxJavaService::start, RxJavaService::start)));

    /** A short name, as {@code labs run lab16 --impl NAME} takes it. */
    String name();

    /** Queues {@code request} (clause 1); the future completes when it has been answered (clause 3). */
    CompletableFuture<Served> submit(Request request);

    /** Stops accepting, serves everything accepted, ends the service's threads (clause 6). */
    @Override
    void close();

    static Request checkRequest(Request request) {
        return Objects.requireNonNull(request, "request must not be null");
    }

    static IllegalStateException closed(String name, Request request) {
        return new IllegalStateException("service '" + name + "' is closed: request " + request.id() + " refused");
    }

    static IllegalStateException alreadyClosed(String name) {
        return new IllegalStateException("service '" + name + "' is already closed");
    }
}
