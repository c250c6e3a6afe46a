package labs.level01_independent_execution.lab02_cpu_saturation;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The six ways this lab runs {@code tasks} pieces of work with at most {@code workers} at once.
 * Each one's threads are what differs:
 * <ul>
 *   <li>{@code platform}: a fixed pool of {@code workers} OS threads.</li>
 *   <li>{@code virtual}: a virtual thread per task, at most {@code workers} at once (semaphore).</li>
 *   <li>{@code reactor-parallel}: {@code flatMap(…, workers)} on {@code Schedulers.parallel()} —
 *       one thread per core, for non-blocking work only.</li>
 *   <li>{@code reactor-elastic}: the same on {@code Schedulers.boundedElastic()} — up to 10 threads
 *       per core, for blocking work.</li>
 *   <li>{@code rxjava-computation}: {@code flatMapCompletable(…, false, workers)} on
 *       {@code computation()} — one thread per core.</li>
 *   <li>{@code rxjava-io}: the same on {@code io()} — an unbounded, cached pool.</li>
 * </ul>
 * <b>Backpressure:</b> in the reactive ones, the {@code flatMap} concurrency bound is the only
 * queue: the source is asked for one more task each time one completes.
 */
public enum Scheduling {
    PLATFORM("platform") {
        @Override
        void runAll(Runnable[] tasks, int workers) throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("lab02-platform-", 1).factory());
            try {
                Arrays.stream(tasks).forEach(pool::execute);
            } finally {
                pool.shutdown();
                if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                    pool.shutdownNow();
                    throw new IllegalStateException("platform pool did not finish within 10 minutes");
                }
            }
        }
    },
    VIRTUAL("virtual") {
        @Override
        void runAll(Runnable[] tasks, int workers) throws InterruptedException {
            Semaphore permits = new Semaphore(workers);
            try (ExecutorService perTask = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab02-virtual-", 1).factory())) {
                for (Runnable task : tasks) {
                    permits.acquire();
                    perTask.execute(() -> {
                        try {
                            task.run();
                        } finally {
                            permits.release();
                        }
                    });
                }
            }
        }
    },
    REACTOR_PARALLEL("reactor-parallel") {
        @Override
        void runAll(Runnable[] tasks, int workers) {
            Flux.fromArray(tasks)
                    .flatMap(task -> Mono.fromRunnable(task).subscribeOn(Schedulers.parallel()), workers)
                    .blockLast();
        }
    },
    REACTOR_ELASTIC("reactor-elastic") {
        @Override
        void runAll(Runnable[] tasks, int workers) {
            Flux.fromArray(tasks)
                    .flatMap(task -> Mono.fromRunnable(task).subscribeOn(Schedulers.boundedElastic()), workers)
                    .blockLast();
        }
    },
    RXJAVA_COMPUTATION("rxjava-computation") {
        @Override
        void runAll(Runnable[] tasks, int workers) {
            Flowable.fromArray(tasks)
                    .flatMapCompletable(task -> Completable.fromRunnable(task)
                            .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.computation()), false, workers)
                    .blockingAwait();
        }
    },
    RXJAVA_IO("rxjava-io") {
        @Override
        void runAll(Runnable[] tasks, int workers) {
            Flowable.fromArray(tasks)
                    .flatMapCompletable(task -> Completable.fromRunnable(task)
                            .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.io()), false, workers)
                    .blockingAwait();
        }
    };

    private final String label;

    Scheduling(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Scheduling::label).toList();
    }

    /** Name and summary of each, for the CLI. */
    public static List<labs.support.Choice> choices() {
        return Arrays.stream(values()).map(s -> new labs.support.Choice(s.label, s.summary())).toList();
    }

    private String summary() {
        return switch (this) {
            case PLATFORM -> "a fixed pool of W platform threads";
            case VIRTUAL -> "a virtual thread per task, at most W at once";
            case REACTOR_PARALLEL -> "flatMap(..., W) on Schedulers.parallel(): one thread per core";
            case REACTOR_ELASTIC -> "flatMap(..., W) on Schedulers.boundedElastic(): up to 10 threads per core";
            case RXJAVA_COMPUTATION -> "flatMapCompletable(..., W) on computation(): one thread per core";
            case RXJAVA_IO -> "flatMapCompletable(..., W) on io(): an unbounded cached pool";
        };
    }

    public static Scheduling byLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scheduling " + label + "; allowed: " + labels()));
    }

    /** Runs every task, at most {@code workers} at once, and returns when all have ended. */
    abstract void runAll(Runnable[] tasks, int workers) throws InterruptedException;

    /** Runs {@code tasks} copies of {@code work} and measures them. A task's failure fails the run. */
    public Measurement measure(Work work, int tasks, int workers) throws InterruptedException {
        if (tasks < 1 || workers < 1) {
            throw new IllegalArgumentException("tasks and workers must be >= 1 (got tasks=" + tasks + ", workers=" + workers + ")");
        }
        Recorder serviceMicros = new Recorder(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger completed = new AtomicInteger();
        Runnable[] runnables = new Runnable[tasks];
        Runnable one = () -> {
            long start = System.nanoTime();
            threads.add(Thread.currentThread().getName());
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            serviceMicros.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            completed.incrementAndGet();
        };
        Arrays.fill(runnables, one);
        long start = System.nanoTime();
        runAll(runnables, workers);
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        if (completed.get() != tasks) {
            throw new IllegalStateException(label + " completed " + completed.get() + " of " + tasks + " tasks");
        }
        Histogram histogram = serviceMicros.getIntervalHistogram();
        return new Measurement(tasks, wallSeconds, histogram, threads.size());
    }
}
