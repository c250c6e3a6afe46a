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
 * The single-writer lane in RxJava, the same shape as {@link ReactorLane}: each writer a
 * {@code Flowable} of increments, {@code flatMap(w -> w, false, all, prefetch)}, then
 * {@code observeOn(lane, false, prefetch)} (RxJava's single-producer ring, {@code SpscArrayQueue}),
 * then {@code scan(Long::sum)} on the lane's thread, the only one that writes the total.
 *
 * <p><b>Scheduler:</b> each writer where it subscribes (the edge: {@code subscribeOn} a
 * {@code Schedulers.from} fixed pool of W {@code lab14-rxjava-lane-N-writer-…} threads) and the fold
 * on {@code lane} (the edge: {@code Schedulers.from} a one-thread executor). RxJava's
 * {@code from(executor)} workers are not pinned to a thread: a writer that ran out of demand
 * resumes on whichever pool thread is free.
 *
 * <p><b>Backpressure:</b> as in Reactor: the lane asks for {@code prefetch}, then 75 % of it at a
 * time; the merge asks each writer for {@code prefetch}; a writer more than two rings ahead of the
 * fold stops emitting until asked.
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
        return writers.<Long>flatMap(writer -> writer, false, Integer.MAX_VALUE, prefetch)
                .observeOn(lane, false, prefetch)
                .scan(Long::sum);
    }

    /** The blocking edge: {@code writers} writers of {@code each} increments, on threads of its own. */
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
