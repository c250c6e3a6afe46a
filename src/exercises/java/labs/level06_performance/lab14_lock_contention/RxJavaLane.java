package labs.level06_performance.lab14_lock_contention;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import org.reactivestreams.Publisher;

/**
 * YOUR lab14 RxJava lane (started by {@code labs practice lab14}; check it with
 * {@code labs check lab14}). The spec: {@code docs/labs/level06_performance/lab14_lock_contention/README.md}.
 *
 * <p>Write the reactive core, {@link #totals}. The blocking edge ({@link #count}) and the writers
 * are given: they only call your core. The contract it must meet:
 * <ol>
 *   <li>every writer is subscribed at once, and every increment any writer emits is folded exactly
 *       once into the running total, which is emitted after each increment (1, 2, 3 …);</li>
 *   <li>the total is written on {@code lane} only — the one thread of the lane — so no lock and no
 *       atomic is needed for it;</li>
 *   <li>the output completes when every writer has completed; the first writer to fail ends it at
 *       once with that error and cancels the others;</li>
 *   <li>backpressure end to end: a writer is never asked for more than two rings of
 *       {@code prefetch} ahead of what the lane has folded.</li>
 * </ol>
 *
 * <p><b>Scheduler:</b> {@code lane} for the fold; each writer runs where it is subscribed (the edge
 * gives each a thread of its own). <b>Backpressure:</b> a ring of {@code prefetch} per writer, one
 * more in front of the lane, and nothing unbounded anywhere.
 */
public final class RxJavaLane implements ContendedCount {

    private final int prefetch;

    public RxJavaLane() {
        this(ReactorLane.PREFETCH);
    }

    /** @param prefetch the size of each ring, from 1 */
    public RxJavaLane(int prefetch) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be >= 1 (got " + prefetch + ")");
        }
        this.prefetch = prefetch;
    }

    /** The reactive core: see {@link ReactorLane#totals}; the same contract, in RxJava. */
    public Flowable<Long> totals(Flowable<? extends Publisher<Long>> writers, Scheduler lane) {
        throw new UnsupportedOperationException("TODO(lab14): merge every writer at once, each through a ring of prefetch, hand the increments to the lane through one more ring, and fold the running total there");
    }

    /** The blocking edge: {@code writers} writers of {@code each} increments, on threads of its own. (Given.) */
    @Override
    public Tally count(int writers, long each, BooleanSupplier stop) {
        ContendedCount.checkRun(writers, each, stop);
        RunThreads threads = RunThreads.platform("rxjava-lane");
        ExecutorService writerPool = Executors.newFixedThreadPool(writers, threads.named("writer"));
        ExecutorService lanePool = Executors.newSingleThreadExecutor(threads.named("lane"));
        Scheduler writerThreads = Schedulers.from(writerPool);
        Scheduler lane = Schedulers.from(lanePool);
        AtomicLongArray added = new AtomicLongArray(writers);
        Flowable<Flowable<Long>> sources = Flowable.range(0, writers).map(w -> writer(each, stop, added, w).subscribeOn(writerThreads));
        BlockingEdge.Timed<Long> run = BlockingEdge.blockingGet(totals(sources, lane).last(0L), threads, () -> {
            writerPool.shutdownNow();
            lanePool.shutdownNow();
        });
        return new Tally(run.value(), WriterThreads.total(added), run.elapsed());
    }

    /** One writer, as {@link ReactorLane#writer}: {@code 1L} per request, up to {@code each}. */
    static Flowable<Long> writer(long each, BooleanSupplier stop, AtomicLongArray added, int index) {
        return Flowable.<Long, long[]>generate(() -> new long[1], (emitted, emitter) -> {
            long n = emitted[0];
            if (n == each || (n % STOP_EVERY == 0 && stop.getAsBoolean())) {
                emitter.onComplete();
            } else {
                emitted[0] = n + 1;
                emitter.onNext(1L);
            }
            return emitted;
        }, emitted -> added.set(index, emitted[0]));
    }
}
