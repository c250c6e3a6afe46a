package labs.level03_message_passing.lab07_pipeline;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RxJava 3: {@code source.observeOn(s1, false, buffer).map(stage1).observeOn(s2, false, buffer)…},
 * one single-thread executor per stage, created for the run and shut down when it ends.
 *
 * <p><b>Scheduler:</b> {@code Schedulers.from(newSingleThreadExecutor("lab07-rxjava-N-stage"), true)}
 * per stage: one thread per stage, so stages overlap and each keeps its order; interruptible, so a
 * teardown interrupts a stage that is mid-item. RxJava's {@code computation()} would share its
 * threads between stages and runs.
 *
 * <p><b>Backpressure:</b> {@code observeOn(scheduler, delayError = false, bufferSize = buffer)}
 * requests {@code buffer} items and replenishes at 75%; a full boundary stops requests upstream.
 * {@code take(limit)} requests at most {@code limit} and cancels upstream once it has them.
 * {@code delayError = false}: the first error overtakes the items still buffered, so a mid-stage
 * failure tears the pipeline down at once instead of after the buffers drain.
 */
public final class RxJavaPipeline implements Pipeline {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final List<Stage> stages;
    private final int buffer;

    public RxJavaPipeline(List<Stage> stages, int buffer) {
        this.stages = Pipeline.checkStages(stages);
        this.buffer = Pipeline.checkBuffer(buffer);
    }

    /**
     * One async boundary, as {@link #process} puts one in front of every stage: the stage's thread,
     * at most {@code buffer} items requested ahead, errors not delayed behind buffered items.
     *
     * <p>Public only as a seam for the marble diagrams ({@code marbles/lab07_pipeline.md}): {@link #process}
     * blocks and owns real threads, so the diagrams run this very boundary on a virtual-time scheduler instead.
     */
    public static <T> Flowable<T> boundary(Flowable<T> items, Scheduler stageThread, int buffer) {
        return items.observeOn(stageThread, false, Pipeline.checkBuffer(buffer));
    }

    @Override
    public String name() {
        return "rxjava";
    }

    @Override
    public List<Stage> stages() {
        return stages;
    }

    @Override
    public int buffer() {
        return buffer;
    }

    @Override
    public List<Long> process(Iterator<Long> source, long limit) {
        Pipeline.checkRun(source, limit);
        int run = RUNS.incrementAndGet();
        List<ExecutorService> owned = new ArrayList<>();
        try {
            Flowable<Long> items = Flowable.fromIterable(() -> source);
            for (Stage stage : stages) {
                ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("lab07-rxjava-" + run + "-" + stage.name()).factory());
                owned.add(thread);
                items = boundary(items, Schedulers.from(thread, true), buffer).map(stage::apply);
            }
            return items.take(limit).toList().blockingGet();
        } finally {
            owned.forEach(ExecutorService::shutdownNow);
            owned.forEach(RxJavaPipeline::awaitTermination);
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        boolean interrupted = false;
        while (true) {
            try {
                if (executor.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
