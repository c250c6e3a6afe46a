package labs.level03_message_passing.lab07_pipeline;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Notification;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.BiFunction;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Threads;

/**
 * RxJava 3: {@code source.observeOn(s1, false, buffer).flatMapSingle(stage1, false, 1)
 * .observeOn(s2, false, buffer)… .take(limit)}, the twin of {@link ReactorPipeline}.
 *
 * <p>The reactive core is {@link #assemble(Flowable, List, long, BiFunction)}; {@link #process} is a
 * thin blocking edge over it, and the virtual-time tests and marbles drive the core with
 * {@code Single.timer} on a {@code TestScheduler}.
 *
 * <p><b>Scheduler:</b> the ones given to {@link #assemble}; {@link #process} gives each stage
 * {@code Schedulers.from(newSingleThreadExecutor("lab07-rxjava-N-stage"), true)}: one thread per
 * stage, so stages overlap and each keeps its order; interruptible, so a teardown interrupts a stage
 * that is mid-item. These threads may block (RxJava's {@code computation()}, which our BlockHound
 * integration watches, would share its threads between stages and runs).
 *
 * <p><b>Backpressure:</b> {@code observeOn(scheduler, delayError = false, bufferSize = buffer)}
 * requests {@code buffer} items and replenishes at 75%; {@code flatMapSingle(work, false, 1)} holds
 * the one item its stage works on and asks for the next once it has passed it on, so a full boundary
 * stops requests upstream: at most stages × (buffer + 1) items in flight, within the contract's
 * {@link #inFlightBound()}. {@code take(limit)} requests at most {@code limit} and cancels upstream
 * once it has them. {@code delayError = false}: the first error overtakes the items still buffered,
 * so a mid-stage failure tears the pipeline down at once instead of after the buffers drain.
 */
public final class RxJavaPipeline implements Pipeline {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final List<Stage> stages;
    private final int buffer;
    private final Duration threadsEndWithin;

    public RxJavaPipeline(List<Stage> stages, int buffer) {
        this(stages, buffer, Threads.END_WITHIN);
    }

    public RxJavaPipeline(List<Stage> stages, int buffer, Duration threadsEndWithin) {
        this.stages = Pipeline.checkStages(stages);
        this.buffer = Pipeline.checkBuffer(buffer);
        this.threadsEndWithin = Pipeline.checkThreadsEndWithin(threadsEndWithin);
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

    /** The reactive core, RxJava's twin of {@link ReactorPipeline#assemble(reactor.core.publisher.Flux, List, long, java.util.function.BiFunction)}. */
    public Flowable<Long> assemble(Flowable<Long> source, List<Scheduler> stageSchedulers, long limit,
                                   BiFunction<Stage, Long, Single<Long>> work) {
        Objects.requireNonNull(source, "source must not be null");
        Pipeline.checkStageSchedulers(stageSchedulers, stages);
        Objects.requireNonNull(work, "work must not be null");
        Pipeline.checkLimit(limit);
        Flowable<Long> items = source;
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            items = items.observeOn(stageSchedulers.get(i), false, buffer)
                    .flatMapSingle(item -> work.apply(stage, item), false, 1);
        }
        return items.take(limit);
    }

    /** The core as {@link #process} runs it: each stage inline on the thread of its boundary. */
    public Flowable<Long> assemble(Flowable<Long> source, List<Scheduler> stageSchedulers, long limit) {
        return assemble(source, stageSchedulers, limit, (stage, item) -> Single.fromCallable(() -> stage.apply(item)));
    }

    /** The blocking edge. */
    @Override
    public List<Long> process(Iterator<Long> source, long limit) {
        Pipeline.checkRun(source, limit);
        StageThreads threads = new StageThreads("lab07-rxjava-" + RUNS.incrementAndGet(), StageThreads.Kind.PLATFORM);
        List<ExecutorService> executors = stages.stream().map(stage -> Executors.newSingleThreadExecutor(threads.named(stage.name()))).toList();
        List<Scheduler> schedulers = executors.stream().map(executor -> Schedulers.from(executor, true)).toList();
        Notification<List<Long>> outcome;
        try {
            // materialize(): the run's failure as a value, so it can be rethrown as it is after the threads have ended
            outcome = assemble(Flowable.fromIterable(() -> source), schedulers, limit).toList().materialize().blockingGet();
        } catch (RuntimeException interrupted) { // blockingGet() gives up when the caller is interrupted...
            if (interrupted.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // ...and clears the flag, which the caller is owed
            }
            executors.forEach(ExecutorService::shutdownNow);
            threads.endRun(threadsEndWithin, () -> interrupted);
            throw interrupted;
        }
        executors.forEach(ExecutorService::shutdownNow); // interrupts each stage thread...
        threads.endRun(threadsEndWithin, outcome::getError); // ...waits for it, rethrows the failure
        return outcome.getValue();
    }
}
