package labs.level03_message_passing.lab07_pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.NonBlocking;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: {@code source.publishOn(s1, buffer).map(stage1).publishOn(s2, buffer).map(stage2)…}, one
 * single-thread scheduler per stage, created for the run and disposed when it ends.
 *
 * <p><b>Scheduler:</b> each stage gets its own {@code Schedulers.newSingle("lab07-reactor-N-stage")}:
 * one thread per stage is what makes the stages run at the same time (an async boundary), and a
 * single thread per stage keeps each stage's items in order. These are non-blocking threads:
 * BlockHound rejects a stage that blocks ({@code aBlockingStageOnANonBlockingSchedulerIsCaught}).
 * Stages that must block belong on {@code boundedElastic()} — not this lab's subject.
 *
 * <p><b>Backpressure:</b> {@code publishOn(scheduler, buffer)} requests {@code buffer} items from
 * upstream and replenishes as its thread drains them (in batches of 75%), so each boundary holds at
 * most {@code buffer}; a slow stage leaves its boundary full, the boundary before it stops
 * requesting, and so on back to the source. {@code take(limit, true)} caps the request at
 * {@code limit} and cancels the whole chain once it has its items; so does the first error.
 *
 * <p>{@code delayError = false} (the two-argument {@code publishOn(scheduler, prefetch)} delays
 * errors): a mid-stage error overtakes the items still buffered behind it, so the slow stages
 * downstream are cancelled at once instead of finishing work whose result nobody will get
 * ({@code aMidStageErrorOvertakesTheBufferedItemsAndIsReportedOnceAtFourSeconds}).
 */
public final class ReactorPipeline implements Pipeline {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final List<Stage> stages;
    private final int buffer;

    public ReactorPipeline(List<Stage> stages, int buffer) {
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
    public static <T> Flux<T> boundary(Flux<T> items, Scheduler stageThread, int buffer) {
        return items.publishOn(stageThread, false, Pipeline.checkBuffer(buffer));
    }

    @Override
    public String name() {
        return "reactor";
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
        List<Scheduler> owned = new ArrayList<>();
        List<Thread> stageThreads = new CopyOnWriteArrayList<>();
        try {
            Flux<Long> items = Flux.fromIterable(() -> source);
            for (Stage stage : stages) {
                String name = "lab07-reactor-" + run + "-" + stage.name();
                Scheduler thread = Schedulers.newSingle(task -> {
                    Thread t = new StageThread(task, name);
                    stageThreads.add(t); // kept, so the run can wait for it to end
                    return t;
                });
                owned.add(thread);
                items = boundary(items, thread, buffer).map(stage::apply);
            }
            return items.take(limit, true).collectList().block(); // the caller's thread, at the edge
        } finally {
            // The stage threads end with the run, error or not: dispose() only asks (shutdownNow),
            // so wait until each thread has really ended — "process returned" means none is left.
            owned.forEach(Scheduler::dispose);
            stageThreads.forEach(ReactorPipeline::awaitEnd);
        }
    }

    /** How long {@link #process} waits for each stage thread to end; a stage is non-blocking, so far more than enough. */
    static final Duration THREAD_ENDS_WITHIN = Duration.ofSeconds(10);

    private static void awaitEnd(Thread thread) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (!thread.join(THREAD_ENDS_WITHIN)) {
                        throw new IllegalStateException("stage thread " + thread.getName() + " did not end within " + THREAD_ENDS_WITHIN.toSeconds() + " s");
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A stage's thread, as {@code newSingle} would make it: a daemon and {@link NonBlocking}, so
     * BlockHound still rejects a stage that blocks — made by us only so that we hold the thread to join.
     */
    private static final class StageThread extends Thread implements NonBlocking {
        StageThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }
}
