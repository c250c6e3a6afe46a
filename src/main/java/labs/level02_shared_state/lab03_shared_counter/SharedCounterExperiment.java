package labs.level02_shared_state.lab03_shared_counter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import labs.support.Experiment;
import labs.support.Choice;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;

/**
 * {@code labs run lab03}: N threads each increment the same counter M times, released together by
 * a latch so they really contend. The table shows each variant's final count and how many updates
 * it lost (expected N × M minus what it counted). Lost updates vary run to run; zero for a correct
 * variant does not vary.
 */
public final class SharedCounterExperiment implements Experiment {

    private static final int MAX_INCREMENTS = 10_000_000;
    private static final int MAX_THREADS = 256;
    static final Setting THREADS = Setting.wholeNumber("threads", "how many threads increment at once (default 4)", 1, MAX_THREADS);
    static final Setting INCREMENTS = Setting.wholeNumber("increments", "increments per thread (default 100000)", 1, MAX_INCREMENTS);

    /** Generous: the largest allowed run takes seconds; past this a worker is stuck, not slow. */
    private static final java.time.Duration JOIN_BOUND = java.time.Duration.ofMinutes(2);

    @Override
    public List<Choice> implementations() {
        return Counters.choices();
    }

    @Override
    public List<Choice> scenarios() {
        return List.of() /* the broken variants are the failure scenarios: pick them with --impl */;
    }

    @Override
    public List<Setting> settings() {
        return List.of(THREADS, INCREMENTS);
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        request.scenario(scenarios());
        int threads = request.wholeNumber(THREADS, 4);
        int increments = request.wholeNumber(INCREMENTS, 100_000);
        return out -> printTo(out, impls, threads, increments);
    }

    private static void printTo(PrintStream out, List<String> impls, int threads, int increments) throws InterruptedException {
        long expected = (long) threads * increments;
        out.printf("%d threads x %d increments = %d expected; %d cores%n%n",
                threads, increments, expected, Runtime.getRuntime().availableProcessors());
        Table table = new Table("impl", "meant to be", "final count", "lost updates", "lost %", "ms", "what happened");
        for (String impl : impls) {
            Counters variant = Counters.byLabel(impl);
            Counter counter = variant.create();
            long start = System.nanoTime();
            try {
                hammer(counter, threads, increments);
            } finally {
                dispose(counter);
            }
            double millis = (System.nanoTime() - start) / 1e6;
            long lost = expected - counter.get();
            table.row(impl, variant.verdict().label(), counter.get(), lost,
                    "%.2f%%".formatted(100.0 * lost / expected), "%.0f".formatted(millis), remark(counter, lost));
        }
        table.print(out);
        out.println();
        out.println("""
                'lost updates' = expected - final count. The broken variants lose some on most runs (how many
                depends on the machine and the JIT); the correct ones lose none, ever. volatile is not a fix:
                count++ on a volatile field is still read-then-write. tryEmitNext drops an event whenever
                another thread is inside the sink (FAIL_NON_SERIALIZED, ignored). rxjava-toSerialized loses
                nothing, but an increment may be counted after it returned: exact once quiescent, not
                linearizable.""");
    }

    static void hammer(Counter counter, int threads, int increments) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("lab03-incrementer-" + t).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < increments; i++) {
                    counter.increment();
                }
            }));
        }
        go.countDown();
        try {
            for (Thread worker : workers) {
                if (!worker.join(JOIN_BOUND)) {
                    throw new AssertionError(worker.getName() + " still incrementing after " + JOIN_BOUND.toSeconds()
                            + " s: a counter that never returns (or a machine far too slow for this run)");
                }
            }
        } finally {
            workers.forEach(Thread::interrupt); // only does anything if join itself was interrupted
        }
    }

    private static String remark(Counter counter, long lost) {
        Throwable failure = switch (counter) {
            case ReactorSingleWriterCounter c -> c.failure();
            case TryEmitCounter c -> c.failure();
            case RxJavaSingleWriterCounter c -> c.failure();
            case UnserializedProcessorCounter c -> c.failure();
            default -> null;
        };
        if (failure != null) {
            return "stream died: " + failure.getClass().getSimpleName() + " (" + failure.getMessage() + ")";
        }
        if (counter instanceof TryEmitCounter c) {
            return c.rejected() + " emissions refused with FAIL_NON_SERIALIZED";
        }
        return lost == 0 ? "none lost" : "read-modify-write interleaved";
    }

    private static void dispose(Counter counter) {
        if (counter instanceof reactor.core.Disposable d) {
            d.dispose();
        } else if (counter instanceof io.reactivex.rxjava3.disposables.Disposable d) {
            d.dispose();
        }
    }
}
