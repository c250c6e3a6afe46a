package labs.level06_performance.lab16_throughput_vs_latency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import labs.support.OwnedPool;
import labs.support.Threads;

/**
 * Imperative: a {@code ThreadPoolExecutor} of {@code workers} platform threads and its unbounded
 * queue. Each worker waits out its batch's service time in {@link Thread#sleep} — a synchronous
 * downstream call holds its thread for the whole call, which is the imperative way's cost.
 *
 * <p>Without batching, {@link #submit} hands each request to the executor: its
 * {@code LinkedBlockingQueue} is the line the requests wait in. With batching, requests wait in a
 * queue of their own and one <em>batcher</em> thread makes the batches: it takes a free worker's
 * permit first, then the oldest waiting request, then more with {@code poll(timeout)} until the batch
 * is full or its first request has waited {@code batchTimeout} — what Reactor's
 * {@code bufferTimeout(B, T, timer, true)} does in one operator. Taking the permit first is what lets
 * a batch keep filling while every worker is busy (the permit comes back when a batch ends), instead
 * of lining up half-empty batches behind the busy workers.
 *
 * <p>Time is {@code System.nanoTime()}: the batcher's {@code poll(timeout)} waits in real time, so
 * this class has no virtual-time twin; its tests stage it with work that waits for the test.
 */
public final class ThreadPoolService implements Service {

    private static final AtomicInteger SERVICES = new AtomicInteger();
    /** The batcher's poison pill: close() puts it behind every accepted request. */
    private static final Call END = new Call(new Request(-1, 0), 0, null);

    private final String owner;
    private final ServiceSpec spec;
    /** The batch's work when given; {@code null}: sleep the spec's service time. */
    private final Work work;
    private final OwnedPool workers;
    /** With batching: the requests waiting for the batcher, and the permits of the free workers. */
    private final LinkedBlockingQueue<Call> waiting = new LinkedBlockingQueue<>();
    private final Semaphore freeWorkers;
    private final Thread batcher;
    private final AtomicReference<Error> firstError = new AtomicReference<>();
    private boolean open = true; // guarded by this

    private ThreadPoolService(ServiceSpec spec, Work work) {
        String name = "lab16-executor-" + SERVICES.incrementAndGet();
        this.owner = "lab16 'executor' service " + name;
        this.spec = spec;
        this.work = work;
        this.workers = OwnedPool.platform(owner, name + "-worker-", spec.workers()); // each thread made with its first batch
        this.freeWorkers = new Semaphore(spec.workers());
        this.batcher = spec.batching() ? Thread.ofPlatform().name(name + "-batcher").unstarted(this::makeBatches) : null;
    }

    /** A running service that sleeps the spec's service times; with batching, its batcher thread is started here. */
    public static ThreadPoolService start(ServiceSpec spec) {
        return started(new ThreadPoolService(spec, null));
    }

    /** A running service whose batches are served by {@code work}, on the worker threads. */
    public static ThreadPoolService start(ServiceSpec spec, Work work) {
        return started(new ThreadPoolService(spec, java.util.Objects.requireNonNull(work, "work")));
    }

    private static ThreadPoolService started(ThreadPoolService service) {
        if (service.batcher != null) {
            service.batcher.start();
        }
        return service;
    }

    @Override
    public String name() {
        return "executor";
    }

    @Override
    public synchronized CompletableFuture<Served> submit(Request request) {
        Service.checkRequest(request);
        if (!open) {
            throw Service.closed(name(), request);
        }
        Call call = new Call(request, System.nanoTime(), new CompletableFuture<>());
        if (batcher != null) {
            waiting.add(call); // unbounded: never waits
        } else {
            workers.executor().execute(() -> serve(List.of(call))); // the executor's own unbounded queue
        }
        return call.reply();
    }

    /** The batcher's loop: a free worker, then a batch for it. Ends at {@link #END}, after handing over what came before it. */
    private void makeBatches() {
        try {
            while (true) {
                freeWorkers.acquire();
                Call first = waiting.take();
                if (first == END) {
                    return;
                }
                List<Call> batch = new ArrayList<>(spec.batchSize());
                batch.add(first);
                // The batch's clock started when its first request arrived: one that waited for a
                // worker longer than that takes what is already there, without waiting more.
                long deadline = first.arrivedNanos() + spec.batchTimeout().toNanos();
                boolean end = false;
                while (batch.size() < spec.batchSize()) {
                    long left = deadline - System.nanoTime();
                    Call next = left > 0 ? waiting.poll(left, TimeUnit.NANOSECONDS) : waiting.poll();
                    if (next == null) {
                        break;
                    }
                    if (next == END) {
                        end = true; // close() closes the open batch at once
                        break;
                    }
                    batch.add(next);
                }
                workers.executor().execute(() -> {
                    try {
                        serve(batch);
                    } finally {
                        freeWorkers.release();
                    }
                });
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Nobody interrupts the batcher (close() sends END); if someone does, stop making batches
            // and say so: the requests still waiting would otherwise never be answered.
            Thread.currentThread().interrupt();
            List<Call> left = new ArrayList<>();
            waiting.drainTo(left);
            long now = System.nanoTime();
            left.stream().filter(c -> c != END).forEach(c -> c.answer(now, now, 1, e));
        }
    }

    /** On a worker: the batch's work, then every request of it answered with the same times. */
    private void serve(List<Call> batch) {
        List<Request> requests = batch.stream().map(Call::request).toList();
        long started = System.nanoTime();
        Throwable failure = null;
        try {
            if (work == null) {
                Thread.sleep(spec.serviceTime(requests, started)); // a synchronous downstream call: the worker waits it out
            } else {
                work.serve(requests).toCompletableFuture().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (ExecutionException | CompletionException e) {
            failure = e.getCause() == null ? e : e.getCause();
        } catch (Exception e) {
            failure = e;
        } catch (Error e) {
            // Not the batch's failure but the JVM's or the harness's: the batch is still answered
            // (nobody may wait for ever), and close() rethrows it as it is.
            failure = e;
        }
        if (failure instanceof Error error) {
            firstError.compareAndSet(null, error);
        }
        Call.answerAll(batch, started, System.nanoTime(), failure);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!open) {
                throw Service.alreadyClosed(name());
            }
            open = false;
        }
        DidNotEnd failure = new DidNotEnd();
        if (batcher != null) {
            waiting.add(END); // behind every accepted request: the batcher hands them all over first
            Threads.awaitEnd(owner, List.of(batcher), failure.holder());
        }
        workers.end(false, failure.holder()); // queued batches still run; then every worker thread is joined
        failure.throwIfAny();
        Error error = firstError.get();
        if (error != null) {
            throw error;
        }
    }

    /** Collects a teardown that timed out, so the batcher's and the pool's are both reported. */
    private static final class DidNotEnd {
        private final IllegalStateException holder = new IllegalStateException("the service's threads did not end in time");

        Throwable holder() {
            return holder;
        }

        void throwIfAny() {
            if (holder.getSuppressed().length > 0) {
                throw holder;
            }
        }
    }
}
